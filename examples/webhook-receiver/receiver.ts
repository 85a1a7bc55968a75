// A tracker-side receiver of the gateway's outgoing events: verifies each request with the Standard
// Webhooks library and keeps the tracker's three Auth0 columns current per employee. Events can come
// twice (at-least-once delivery) or late (a retry): one whose sequence is not newer than what is stored
// is acknowledged and dropped. Run it: WEBHOOK_SECRET=whsec_... PORT=4100 npx tsx examples/webhook-receiver/receiver.ts
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface TrackerRow {
  auth0_user_id: string | null;
  auth0_account_created_at: string | null;
  auth0_sync_status: string;
  sequence: number;
}

interface EmployeeEvent {
  type: string;
  data: { employeeId: string; auth0UserId: string | null; auth0AccountCreatedAt: string | null; auth0SyncStatus: string; sequence: number };
}

/** The request handler; `rows` stands in for the tracker's table (keyed by the gateway's employee id). */
export function webhookHandler(secret: string, rows: Map<string, TrackerRow>) {
  const webhook = new Webhook(secret);
  return async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let event: EmployeeEvent;
    try {
      event = webhook.verify(Buffer.concat(chunks).toString('utf8'), request.headers as Record<string, string>) as EmployeeEvent;
    } catch {
      response.writeHead(401).end('invalid signature');
      return;
    }
    if (event.type.startsWith('employee.')) {
      const { data } = event;
      const stored = rows.get(data.employeeId);
      if (!stored || data.sequence > stored.sequence) {
        rows.set(data.employeeId, {
          auth0_user_id: data.auth0UserId,
          auth0_account_created_at: data.auth0AccountCreatedAt,
          auth0_sync_status: data.auth0SyncStatus,
          sequence: data.sequence,
        });
      }
    }
    response.writeHead(204).end();
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = new Map<string, TrackerRow>();
  const port = Number(process.env.PORT ?? 4100);
  createServer(webhookHandler(process.env.WEBHOOK_SECRET ?? '', rows)).listen(port, () => console.log(`webhook receiver on http://localhost:${port}`));
}
