import { GraphQLError } from 'graphql';
import { TooManySubscriptionsError } from '../../subscriptions/live-status.ts';

/** Opens a subscription's stream; the per-caller limit answers with its own code instead of a masked error. */
export function openLiveStream<T>(open: () => AsyncIterable<T>): AsyncIterable<T> {
  try {
    return open();
  } catch (error) {
    if (error instanceof TooManySubscriptionsError) {
      throw new GraphQLError(error.message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: error.limit } });
    }
    throw error;
  }
}
