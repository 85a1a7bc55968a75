import { GraphQLError } from 'graphql';
import type { Context } from '../../context.ts';
import { TooManySubscriptionsError, type StreamCaller } from '../../live/live-status.ts';
import { ErrorCode } from '../../graphql-error-codes.ts';

/** The subscriber as its stream needs it: who (limits, visibility) and until when (the token's exp). */
export const streamCaller = (context: Context): StreamCaller => ({
  id: context.actor.id,
  permissions: context.viewer.permissions,
  expiresAt: context.viewer.expiresAt,
});

/** Opens a subscription's stream; the per-caller limit answers with its own code instead of a masked error. */
export function openLiveStream<T>(open: () => AsyncIterable<T>): AsyncIterable<T> {
  try {
    return open();
  } catch (error) {
    if (error instanceof TooManySubscriptionsError) {
      throw new GraphQLError(error.message, { extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS, limit: error.limit } });
    }
    throw error;
  }
}
