// Package rbac is Wazuh 4.14's RBAC data model and evaluation, without any
// HTTP code: the rbac.db store (schema, default resources, users, roles,
// policies, security rules and their relationships), password hashing and
// login, token invalidation, run_as role mapping and policy evaluation.
//
// The HTTP layer builds the /security endpoints and the per-request
// authorization on top of it:
//
//   - Open attaches an existing Wazuh rbac.db unchanged or creates and seeds
//     a new one with Wazuh's default users, roles, policies and rules.
//   - Authenticate verifies credentials (werkzeug scrypt and pbkdf2 hashes),
//     RunAsRoles maps a run_as authorization context to roles (package
//     authcontext evaluates the rule language).
//   - CheckToken is the database half of token validation; the Invalidate*
//     methods, Logout and RevokeAll write Wazuh's blacklist rules, and
//     Generation lets caches of verified tokens drop entries at once.
//   - Permissions builds the processed permission map of a token's roles;
//     Permissions.Evaluate turns it into one sdk.ResourceScope per required
//     (action, resource type), or a 403 error 4000, exactly as Wazuh's
//     expose_resources decorator decides.
//   - The CRUD methods return Result values (affected items, total and
//     per-id Wazuh errors) from which AffectedItemsWazuhResult envelopes are
//     built. They perform Wazuh's token invalidations themselves.
//
// Error codes 4000-4500, 5000-5011 and 6000-6005 are registered with the
// sdk error catalogue by this package; errors returned as *sdk.Error are
// Wazuh errors meant for the response, anything else is internal.
//
// Deliberate differences from Wazuh (fixes of documented quirks) are
// described where they apply: CheckToken (the zero-roles logout quirk is
// fixed), ParsePolicyBody (no trailing-newline loophole in its regexes),
// RunAsRoles and package authcontext (RE2 instead of regex timeouts, rule
// nesting limit, empty AND/OR/NOT are false).
package rbac
