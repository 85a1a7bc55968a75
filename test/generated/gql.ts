/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AuditEvents($first: Int, $after: String, $employeeId: ID) {\n  auditEvents(first: $first, after: $after, employeeId: $employeeId) {\n    edges {\n      cursor\n      node {\n        id\n        occurredAt\n        action\n        outcome\n        actor\n        auth0UserId\n        httpStatus\n        auth0ErrorCode\n        detail\n        attempt\n        durationMs\n        correlationId\n        employee {\n          id\n          email\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.AuditEventsDocument,
    "mutation CreateEmployee($input: CreateEmployeeInput!) {\n  createEmployee(input: $input) {\n    __typename\n    ... on CreateEmployeePayload {\n      employee {\n        id\n        name\n        email\n        department\n        role\n        authMethod\n        active\n        auth0UserId\n        auth0AccountCreatedAt\n        auth0SyncStatus\n        auth0SyncError\n        createdAt\n      }\n    }\n    ... on InputValidationError {\n      code\n      message\n      issues {\n        path\n        message\n      }\n    }\n    ... on EmailAlreadyUsedError {\n      code\n      message\n      email\n    }\n  }\n}": typeof types.CreateEmployeeDocument,
    "query Employee($id: ID!) {\n  employee(id: $id) {\n    id\n    name\n    email\n    auth0UserId\n    auth0SyncStatus\n    auditEvents(first: 20) {\n      edges {\n        node {\n          action\n          outcome\n          httpStatus\n          auth0UserId\n          attempt\n          actor\n          correlationId\n        }\n      }\n    }\n  }\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Employee {\n      email\n    }\n  }\n}": typeof types.EmployeeDocument,
};
const documents: Documents = {
    "query AuditEvents($first: Int, $after: String, $employeeId: ID) {\n  auditEvents(first: $first, after: $after, employeeId: $employeeId) {\n    edges {\n      cursor\n      node {\n        id\n        occurredAt\n        action\n        outcome\n        actor\n        auth0UserId\n        httpStatus\n        auth0ErrorCode\n        detail\n        attempt\n        durationMs\n        correlationId\n        employee {\n          id\n          email\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.AuditEventsDocument,
    "mutation CreateEmployee($input: CreateEmployeeInput!) {\n  createEmployee(input: $input) {\n    __typename\n    ... on CreateEmployeePayload {\n      employee {\n        id\n        name\n        email\n        department\n        role\n        authMethod\n        active\n        auth0UserId\n        auth0AccountCreatedAt\n        auth0SyncStatus\n        auth0SyncError\n        createdAt\n      }\n    }\n    ... on InputValidationError {\n      code\n      message\n      issues {\n        path\n        message\n      }\n    }\n    ... on EmailAlreadyUsedError {\n      code\n      message\n      email\n    }\n  }\n}": types.CreateEmployeeDocument,
    "query Employee($id: ID!) {\n  employee(id: $id) {\n    id\n    name\n    email\n    auth0UserId\n    auth0SyncStatus\n    auditEvents(first: 20) {\n      edges {\n        node {\n          action\n          outcome\n          httpStatus\n          auth0UserId\n          attempt\n          actor\n          correlationId\n        }\n      }\n    }\n  }\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Employee {\n      email\n    }\n  }\n}": types.EmployeeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditEvents($first: Int, $after: String, $employeeId: ID) {\n  auditEvents(first: $first, after: $after, employeeId: $employeeId) {\n    edges {\n      cursor\n      node {\n        id\n        occurredAt\n        action\n        outcome\n        actor\n        auth0UserId\n        httpStatus\n        auth0ErrorCode\n        detail\n        attempt\n        durationMs\n        correlationId\n        employee {\n          id\n          email\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query AuditEvents($first: Int, $after: String, $employeeId: ID) {\n  auditEvents(first: $first, after: $after, employeeId: $employeeId) {\n    edges {\n      cursor\n      node {\n        id\n        occurredAt\n        action\n        outcome\n        actor\n        auth0UserId\n        httpStatus\n        auth0ErrorCode\n        detail\n        attempt\n        durationMs\n        correlationId\n        employee {\n          id\n          email\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateEmployee($input: CreateEmployeeInput!) {\n  createEmployee(input: $input) {\n    __typename\n    ... on CreateEmployeePayload {\n      employee {\n        id\n        name\n        email\n        department\n        role\n        authMethod\n        active\n        auth0UserId\n        auth0AccountCreatedAt\n        auth0SyncStatus\n        auth0SyncError\n        createdAt\n      }\n    }\n    ... on InputValidationError {\n      code\n      message\n      issues {\n        path\n        message\n      }\n    }\n    ... on EmailAlreadyUsedError {\n      code\n      message\n      email\n    }\n  }\n}"): (typeof documents)["mutation CreateEmployee($input: CreateEmployeeInput!) {\n  createEmployee(input: $input) {\n    __typename\n    ... on CreateEmployeePayload {\n      employee {\n        id\n        name\n        email\n        department\n        role\n        authMethod\n        active\n        auth0UserId\n        auth0AccountCreatedAt\n        auth0SyncStatus\n        auth0SyncError\n        createdAt\n      }\n    }\n    ... on InputValidationError {\n      code\n      message\n      issues {\n        path\n        message\n      }\n    }\n    ... on EmailAlreadyUsedError {\n      code\n      message\n      email\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Employee($id: ID!) {\n  employee(id: $id) {\n    id\n    name\n    email\n    auth0UserId\n    auth0SyncStatus\n    auditEvents(first: 20) {\n      edges {\n        node {\n          action\n          outcome\n          httpStatus\n          auth0UserId\n          attempt\n          actor\n          correlationId\n        }\n      }\n    }\n  }\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Employee {\n      email\n    }\n  }\n}"): (typeof documents)["query Employee($id: ID!) {\n  employee(id: $id) {\n    id\n    name\n    email\n    auth0UserId\n    auth0SyncStatus\n    auditEvents(first: 20) {\n      edges {\n        node {\n          action\n          outcome\n          httpStatus\n          auth0UserId\n          attempt\n          actor\n          correlationId\n        }\n      }\n    }\n  }\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Employee {\n      email\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;