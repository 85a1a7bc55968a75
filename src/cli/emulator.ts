// `npm run emulator`: the Auth0 emulator package's CLI, standalone on :4010 by default (`-- --help` lists
// the flags), knowing the gateway's caller roles so tokens can be minted by role. Development only.
import { runEmulatorCli } from '@employee-gateway/auth0-emulator/cli';
import { ROLE_PERMISSIONS } from '../auth/permissions.ts';

await runEmulatorCli({
  argv: process.argv.slice(2),
  env: process.env,
  callerRoles: ROLE_PERMISSIONS,
  command: 'npm run emulator --',
  hint: (emulator) => `Point the gateway at it with AUTH0_EMULATOR_URL=${emulator.url}; caller tokens: npm run token -- --role manager`,
});
