// Tenant log events: kept for `GET /__emulator/logs` and forwarded to the configured webhook log
// stream. Only the types the gateway listens for are produced (ss, sv, svr, scpr, fcpr, scp, sapi); their shapes
// come from the event builders in log-stream.ts.
import {
  LogStreamEmitter,
  sapiEvent,
  scpEvent,
  scprEvent,
  fcprEvent,
  ssEvent,
  svEvent,
  svrEvent,
  type LogEventSource,
  type LogStreamSettings,
  type ManagementCall,
} from './log-stream.ts';
import type { Auth0User, TenantLog } from './state.ts';

export interface LogOrigin {
  ip: string;
  userAgent: string;
  clientId?: string;
  clientName?: string;
}

export interface UserLogContext {
  user: Auth0User;
  connectionId: string;
}

export const TENANT_NAME = 'emulator';
const MAX_KEPT = 5_000;

export class TenantLogs {
  private readonly emitter: LogStreamEmitter;
  private readonly sink: () => TenantLog[];
  private readonly defaultClient: { id: string; name: string };

  constructor(sink: () => TenantLog[], defaultClient: { id: string; name: string }, settings: LogStreamSettings | null) {
    this.sink = sink;
    this.defaultClient = defaultClient;
    this.emitter = new LogStreamEmitter(settings);
  }

  configure(settings: LogStreamSettings | null): void {
    this.emitter.configure(settings);
  }

  flush(): Promise<void> {
    return this.emitter.flush();
  }

  close(): Promise<void> {
    return this.emitter.close();
  }

  /** `ss`: a user was created in a database connection (Management API creates log it too). */
  signup(origin: LogOrigin, context: UserLogContext): void {
    this.emit(ssEvent(this.source(origin), userRef(context)));
  }

  /** `svr`: a verification email was queued by the jobs endpoint. */
  verificationRequested(origin: LogOrigin, context: UserLogContext, jobId: string): void {
    this.emit(svrEvent(this.source(origin), userRef(context), jobId));
  }

  /** `sv`: the user followed the verification link. */
  verified(origin: LogOrigin, context: UserLogContext, ticket: string): void {
    this.emit(svEvent(this.source(origin), userRef(context), ticket));
  }

  /** `scpr`: a change-password email was requested (Authentication API). */
  passwordChangeRequested(origin: LogOrigin, context: UserLogContext): void {
    this.emit(scprEvent(this.source(origin), userRef(context)));
  }

  /** `fcpr`: a change-password request was refused (no email sent). */
  passwordChangeRequestFailed(origin: LogOrigin, request: { email: string; connection: string; connectionId: string; userId?: string }, description: string): void {
    this.emit(fcprEvent(this.source(origin), request, description));
  }

  /** `scp`: the user set a password through the change-password link. */
  passwordChanged(origin: LogOrigin, context: UserLogContext, ticket: string): void {
    this.emit(scpEvent(this.source(origin), userRef(context), ticket));
  }

  /** `sapi`: a successful Management API write. */
  managementWrite(origin: LogOrigin, call: ManagementCall): void {
    this.emit(sapiEvent(this.source(origin), call));
  }

  private source(origin: LogOrigin): LogEventSource {
    // Verification links are followed by the user, not a client: Auth0 attributes them to the
    // application the email was sent for, here the gateway's client.
    return {
      tenant: TENANT_NAME,
      client_id: origin.clientId ?? this.defaultClient.id,
      client_name: origin.clientName ?? this.defaultClient.name,
      ip: origin.ip,
      user_agent: origin.userAgent,
    };
  }

  private emit(data: Record<string, unknown>): void {
    const event = this.emitter.emit(data);
    const logs = this.sink();
    logs.push(event);
    if (logs.length > MAX_KEPT) logs.splice(0, logs.length - MAX_KEPT);
  }
}

function userRef({ user, connectionId }: UserLogContext) {
  return { user_id: user.user_id, email: user.email, connection: user.identities[0]?.connection ?? '', connection_id: connectionId };
}
