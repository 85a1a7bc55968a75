// GraphQL operations in the process's registry: count, duration and errors per operation name and
// type. Operation names are chosen by clients, so the label keeps the first 100 distinct names of
// verified callers this process sees and reports any further one as `other` (unnamed operations as
// `anonymous`). Callers without a verified token are all `unauthenticated`, whatever name they send, so
// they cannot use up the 100 names; errors found before the token is checked (parse, validate) count
// there too.
import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../context.ts';
import type { GatewayMetrics } from './metrics.ts';

const MAX_OPERATION_NAMES = 100;

export function graphqlMetricsPlugin(metrics: GatewayMetrics): Plugin {
  const registry = metrics.registry;
  const seen = new Set<string>();
  const operationName = (name: string | undefined) => {
    if (!name) return 'anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_NAMES || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    seen.add(name);
    return name;
  };
  const verified = (context: unknown) => typeof (context as { viewer?: Viewer } | undefined)?.viewer?.sub === 'string';
  const labels = (params: FillLabelsFnParams, context: unknown) => ({
    operation_name: verified(context) ? operationName(params.operationName) : 'unauthenticated',
    operation_type: params.operationType ?? 'unknown',
  });
  return usePrometheus({
    registry,
    endpoint: false,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: 'graphql_operations_total', help: 'GraphQL operations executed, by operation name and type.', labelNames: ['operation_name', 'operation_type'] },
        fillLabelsFn: labels,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_operation_duration_seconds',
          help: 'Time to execute a GraphQL operation, by operation name and type.',
          labelNames: ['operation_name', 'operation_type'],
          buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        },
        fillLabelsFn: labels,
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_operation_errors_total',
          help: 'Errors in GraphQL results, by operation name and type and the phase they came from (parse, validate, context, execute).',
          labelNames: ['operation_name', 'operation_type', 'phase'],
        },
        fillLabelsFn: (params, context) => ({ ...labels(params, context), phase: params.errorPhase ?? 'unknown' }),
      }),
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
      graphql_yoga_http_duration: false,
    },
  });
}
