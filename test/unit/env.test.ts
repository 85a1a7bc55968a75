import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../src/env.ts';

describe('loadEnv', () => {
  it('defaults to the embedded database and the in-process emulator', () => {
    const env = loadEnv({});
    // The emulator's GraphiQL carries a development token: loopback only by default.
    expect(env.server).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(env.database.url).toBeUndefined();
    expect(env.auth0.target).toEqual({ kind: 'embedded-emulator', port: 4010, clientId: undefined, clientSecret: undefined, stateFile: '.data/auth0-emulator.json' });
  });

  it('selects a tenant when all three Auth0 settings are present', () => {
    const env = loadEnv({
      AUTH0_DOMAIN: 'acme.eu.auth0.com',
      AUTH0_CLIENT_ID: 'id',
      AUTH0_CLIENT_SECRET: 's3cret',
      AUTH_AUDIENCE: 'https://gateway.acme.example/api',
    });
    expect(env.auth0.target).toEqual({ kind: 'tenant', domain: 'acme.eu.auth0.com', clientId: 'id', clientSecret: 's3cret' });
  });

  it('keeps a real tenant outside production as closed as production: no dev token, console or error details, loopback', () => {
    const tenant = { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: 's3cret', AUTH_AUDIENCE: 'https://gateway.acme.example/api' };
    for (const nodeEnv of [undefined, 'development', 'test']) {
      const env = loadEnv({ ...tenant, NODE_ENV: nodeEnv });
      expect(env.localDevelopment, String(nodeEnv)).toBe(false);
      expect(env.console.enabled, String(nodeEnv)).toBe(false);
      expect(env.server.host, String(nodeEnv)).toBe('127.0.0.1');
    }
    expect(loadEnv({ ...tenant, HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
    expect(loadEnv({ ...tenant, CONSOLE_ENABLED: 'true' }).console.enabled).toBe(true);
    const production = loadEnv({ ...tenant, NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/gateway' });
    expect(production).toMatchObject({ localDevelopment: false, console: { enabled: false }, server: { host: '0.0.0.0' } });
  });

  it('gives the development conveniences only to NODE_ENV=development with the emulator', () => {
    expect(loadEnv({}).localDevelopment).toBe(true);
    expect(loadEnv({ AUTH0_EMULATOR_URL: 'http://127.0.0.1:4010' }).localDevelopment).toBe(true);
    expect(loadEnv({ NODE_ENV: 'test' }).localDevelopment).toBe(false);
    expect(loadEnv({}).console.enabled).toBe(true);
  });

  it('onboards by invitation unless ONBOARDING_EMAIL=verify, and refuses other values', () => {
    expect(loadEnv({}).provisioning.onboardingEmail).toBe('invite');
    expect(loadEnv({ ONBOARDING_EMAIL: 'verify' }).provisioning.onboardingEmail).toBe('verify');
    expect(() => loadEnv({ ONBOARDING_EMAIL: 'ticket' })).toThrow(/ONBOARDING_EMAIL: must be invite or verify/);
  });

  it('selects a running emulator from AUTH0_EMULATOR_URL', () => {
    const env = loadEnv({ AUTH0_EMULATOR_URL: 'http://127.0.0.1:4010/' });
    expect(env.auth0.target).toMatchObject({ kind: 'external-emulator', url: 'http://127.0.0.1:4010' });
  });

  it('lists every problem at once and never echoes a value', () => {
    let caught: unknown;
    try {
      loadEnv({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://secret-password@db/x',
        AUTH0_DOMAIN: 'https://acme.auth0.com',
        AUTH0_CLIENT_SECRET: 'very-secret-value',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const problems = (caught as EnvError).problems;
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'AUTH0_CLIENT_ID',
      'AUTH0_DOMAIN',
      'AUTH_AUDIENCE',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect((caught as EnvError).message).not.toContain('very-secret-value');
    expect((caught as EnvError).message).not.toContain('secret-password');
  });

  it('turns GraphiQL and introspection off in production unless enabled', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://db/app',
      AUTH0_DOMAIN: 'acme.eu.auth0.com',
      AUTH0_CLIENT_ID: 'id',
      AUTH0_CLIENT_SECRET: 'secret',
      AUTH_AUDIENCE: 'https://gateway.acme.example/api',
    };
    expect(loadEnv(production).graphql).toMatchObject({ graphiql: false, introspection: false });
    expect(loadEnv({ ...production, GRAPHIQL_ENABLED: 'true', GRAPHQL_INTROSPECTION: 'true' }).graphql).toMatchObject({
      graphiql: true,
      introspection: true,
    });
    expect(loadEnv({}).graphql).toMatchObject({ graphiql: true, introspection: true });
    expect(() => loadEnv({ GRAPHIQL_ENABLED: 'yes' })).toThrow(/GRAPHIQL_ENABLED: must be true or false/);
  });

  it('requires a real database and tenant in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/AUTH0_DOMAIN: required in production[\s\S]*DATABASE_URL: required in production/);
  });
});
