/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the controllers by springdoc: title, the
 * ways callers authenticate, the RFC 9457 problems each operation may answer with. Served at {@code
 * /v3/api-docs} with Swagger UI, to admins only.
 */
@NullMarked
package io.pulse.apidocs;

import org.jspecify.annotations.NullMarked;
