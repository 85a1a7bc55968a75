/**
 * The largest page a connection serves (its Pothos maxSize). Asking for more is refused with
 * BAD_USER_INPUT by src/graphql-page-size.ts, where Pothos alone would cut the page down silently.
 */
export const MAX_PAGE_SIZE = 500;
