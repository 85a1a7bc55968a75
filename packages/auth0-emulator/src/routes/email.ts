// Verification-email jobs and the two tickets (https://auth0.com/docs/manage-users/user-accounts/resend-verification-emails).
// Jobs put the email in the outbox; tickets only mint links, exactly like Auth0, which sends nothing for them.
import { managementError, pathError, payloadError, userNotFound } from '../errors.ts';
import { JOB_ID_PATTERN, newJobId, newTicketSecret } from '../ids.ts';
import type { HandlerResult, RequestContext, RouteDefinition, Services } from '../router.ts';
import type { Job } from '../state.ts';
import { createVerificationTicket, DEFAULT_TICKET_TTL_SEC, lookUpUser, originOf, sendVerificationEmail } from '../user-writes.ts';
import { isEmail, validateBody } from '../validation.ts';

const IDENTITY = { type: 'object', description: 'This must be provided to verify primary social, enterprise and passwordless email identities. Also, is needed to verify secondary identities.' } as const;

function jobJson(job: Job): Record<string, unknown> {
  return { type: job.type, status: job.status, created_at: job.created_at, id: job.id };
}

function createVerificationJob(ctx: RequestContext, services: Services): HandlerResult {
  const body = validateBody(
    ctx.body,
    {
      user_id: { type: 'string', description: 'user_id of the user to send the verification email to.' },
      client_id: { type: 'string', description: 'client_id of the client (application). If no value provided, the global Client ID will be used.' },
      identity: IDENTITY,
      organization_id: { type: 'string', description: '(Optional) Organization ID – the ID of the Organization.' },
    },
    ['user_id'],
  );
  const clientId = body.client_id as string | undefined;
  if (clientId !== undefined && !services.state.clients.has(clientId)) {
    throw managementError(404, 'Client not found.', 'inexistent_client');
  }
  const stored = lookUpUser(services, body.user_id as string);
  const job: Job = { id: newJobId(), type: 'verification_email', status: 'pending', created_at: new Date().toISOString(), user_id: stored.user.user_id };
  services.state.jobs.set(job.id, job);
  // Auth0 queues the email (svr) and sends it shortly after. Already-verified users: no documented
  // error, so the email is sent again (a guess).
  sendVerificationEmail(services, stored, 'job');
  services.logs.verificationRequested(originOf(ctx), { user: stored.user, connectionId: stored.connectionId }, job.id);
  setImmediate(() => {
    const current = services.state.jobs.get(job.id);
    if (current) current.status = 'completed';
  });
  return { status: 201, body: jobJson(job) };
}

function getJob(ctx: RequestContext, services: Services): HandlerResult {
  const id = ctx.params.id as string;
  if (!JOB_ID_PATTERN.test(id)) throw pathError(`String does not match pattern ^job_[A-Za-z0-9]{16}$: ${id}`, 'id', 'ID of the job.');
  const job = services.state.jobs.get(id);
  // Message and errorCode modelled on the user 404 (a guess).
  if (!job) throw managementError(404, 'The job does not exist.', 'inexistent_job');
  return { status: 200, body: jobJson(job) };
}

function ttl(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : DEFAULT_TICKET_TTL_SEC;
}

function emailVerificationTicket(ctx: RequestContext, services: Services): HandlerResult {
  const body = validateBody(
    ctx.body,
    {
      user_id: { type: 'string', description: 'user_id of for whom the ticket should be created.' },
      result_url: { type: 'string', description: 'URL the user will be redirected to in the classic Universal Login experience once the ticket is used.' },
      client_id: { type: 'string', description: 'ID of the client (application).' },
      organization_id: { type: 'string', description: '(Optional) Organization ID – the ID of the Organization.' },
      ttl_sec: { type: 'integer', description: 'Number of seconds for which the ticket is valid before expiration.' },
      includeEmailInRedirect: { type: 'boolean', description: 'Whether to include the email address as part of the returnUrl in the reset_email (true), or not (false).' },
      identity: IDENTITY,
    },
    ['user_id'],
  );
  if (body.result_url !== undefined && (body.client_id !== undefined || body.organization_id !== undefined)) {
    throw payloadError('result_url cannot be combined with client_id or organization_id');
  }
  const stored = lookUpUser(services, body.user_id as string);
  const ticket = createVerificationTicket(services, stored.user.user_id, ttl(body.ttl_sec));
  return { status: 201, body: { ticket: ticket.url } };
}

function passwordChangeTicket(ctx: RequestContext, services: Services): HandlerResult {
  const body = validateBody(ctx.body, {
    result_url: { type: 'string', description: 'URL the user will be redirected to in the classic Universal Login experience once the ticket is used.' },
    user_id: { type: 'string', description: 'user_id of for whom the ticket should be created.' },
    client_id: { type: 'string', description: 'ID of the client (application).' },
    organization_id: { type: 'string', description: '(Optional) Organization ID – the ID of the Organization.' },
    connection_id: { type: 'string', description: 'ID of the connection. If provided, allows the user to be specified using email instead of user_id.' },
    email: { type: 'string', description: 'Email address of the user for whom the tickets should be created.' },
    ttl_sec: { type: 'integer', description: 'Number of seconds for which the ticket is valid before expiration.' },
    mark_email_as_verified: { type: 'boolean', description: 'Whether to set the email_verified attribute to true (true) or whether it should not be updated (false).' },
    includeEmailInRedirect: { type: 'boolean', description: 'Whether to include the email address as part of the returnUrl in the reset_email (true), or not (false).' },
    identity: IDENTITY,
  });
  const { state } = services;
  if (body.user_id !== undefined && body.connection_id !== undefined) {
    throw payloadError('user_id and connection_id are mutually exclusive');
  }
  let userId: string;
  if (body.user_id !== undefined) {
    userId = lookUpUser(services, body.user_id as string).user.user_id;
  } else if (body.connection_id !== undefined && body.email !== undefined) {
    if (body.connection_id !== state.connection.id) throw managementError(400, 'The connection does not exist.', 'inexistent_connection');
    const email = (body.email as string).toLowerCase();
    if (!isEmail(email)) throw payloadError(`Object didn't pass validation for format email: ${email}`, 'email');
    const stored = state.findUserByEmail(state.connection.id, email);
    if (!stored) throw userNotFound();
    userId = stored.user.user_id;
  } else {
    throw payloadError('Missing required property: user_id (or connection_id and email)');
  }
  const secret = newTicketSecret();
  state.tickets.set(secret, { secret, kind: 'password-change', user_id: userId, expires_at: Date.now() + ttl(body.ttl_sec) * 1000 });
  return { status: 201, body: { ticket: `https://${services.urls.domain}/lo/reset?ticket=${secret}#` } };
}

export const emailRoutes: RouteDefinition[] = [
  { method: 'POST', template: '/api/v2/jobs/verification-email', kind: 'management', scopes: ['update:users'], handler: createVerificationJob },
  { method: 'GET', template: '/api/v2/jobs/:id', kind: 'management', scopes: ['create:users', 'read:users'], handler: getJob },
  {
    method: 'POST',
    template: '/api/v2/tickets/email-verification',
    kind: 'management',
    scopes: ['create:user_tickets'],
    handler: emailVerificationTicket,
  },
  {
    method: 'POST',
    template: '/api/v2/tickets/password-change',
    kind: 'management',
    scopes: ['create:user_tickets'],
    handler: passwordChangeTicket,
  },
];
