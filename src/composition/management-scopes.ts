// The Management API scopes for CLIs (a CLI never imports src/services/): `npm run emulator` grants its
// seeded client exactly the README's list.
export { DOCUMENTED_MANAGEMENT_SCOPES, GATEWAY_MANAGEMENT_SCOPES } from '../services/management-scopes.ts';
