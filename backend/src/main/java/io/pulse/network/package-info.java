/**
 * The dealer network: brands, regions and dealers, loaded by the carmaker with idempotent upserts,
 * and a directory of dealers the ingest path resolves against.
 */
@NullMarked
package io.pulse.network;

import org.jspecify.annotations.NullMarked;
