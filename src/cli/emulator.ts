// `npm run emulator`: the Auth0 emulator package's CLI, standalone on :4010 by default (`-- --help` lists
// the flags), knowing the gateway's caller roles so tokens can be minted by role. Development only.
import { runEmulatorCli } from '@employee-gateway/auth0-emulator/cli';
import { ROLE_PERMISSIONS } from '../auth/permissions.ts';
import { DOCUMENTED_MANAGEMENT_SCOPES } from '../composition/management-scopes.ts';
import { loadEnvOrExit } from '../env.ts';

// The same tenant file as npm start's in-process emulator, so `npm run emulator -- --reset` empties it.
const { target } = loadEnvOrExit().auth0;

await runEmulatorCli({
  argv: process.argv.slice(2),
  env: process.env,
  callerRoles: ROLE_PERMISSIONS,
  // The README's least-privilege list, so development runs with what a real tenant grants.
  managementScopes: DOCUMENTED_MANAGEMENT_SCOPES,
  ...(target.kind === 'embedded-emulator' ? { defaultStateFile: target.stateFile } : {}),
  command: 'npm run emulator --',
  hint: (emulator) => `Point the gateway at it with AUTH0_EMULATOR_URL=${emulator.url}; caller tokens: npm run token -- --role manager`,
});
