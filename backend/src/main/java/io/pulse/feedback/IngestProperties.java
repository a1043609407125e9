package io.pulse.feedback;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the ingest API.
 *
 * @param maxBatch events in one JSON batch
 * @param maxBulkLines events in one NDJSON bulk upload
 * @param maxCommentLength characters of a comment
 * @param maxCustomerRefLength characters of a customerRef
 * @param maxFutureSkew how far in the future occurredAt may be (senders' clocks drift)
 * @param maxAge how far in the past occurredAt may be for a caller with the HISTORY capability (a
 *     history load, admins); older than the longest window is stored but not windowed
 * @param maxLiveAge how far in the past occurredAt may be for any other key: late answers, not a
 *     rewritten past
 * @param maxBodyBytes request body size of the ingest endpoints
 * @param chunkSize events per PostgreSQL transaction in a bulk upload
 * @param maxEventsPerWrite the most events of concurrent requests stored and counted together in
 *     one group write (a request is never split across writes)
 * @param concurrentWrites group writes one instance has in flight at once (each holds one
 *     PostgreSQL connection while it stores; they count in Redis one after the other, in the order
 *     they were stored)
 * @param maxInFlightEvents events one instance stores and counts at once; past it new requests get
 *     503 with Retry-After before anything is stored (admission control)
 * @param maxPendingConnections requests waiting for a PostgreSQL connection past which new ingest
 *     requests get 503 with Retry-After
 * @param targetLatency the latency admitted ingest requests are kept under: one that takes longer
 *     makes the instance admit fewer requests at once, one within it lets the limit grow again
 * @param maxConcurrentRequests the most ingest requests one instance admits at once, however fast
 *     they are
 */
@ConfigurationProperties("pulse.ingest")
@Validated
public record IngestProperties(
    @DefaultValue("1000") @Min(1) int maxBatch,
    @DefaultValue("50000") @Min(1) int maxBulkLines,
    @DefaultValue("2000") @Min(1) int maxCommentLength,
    @DefaultValue("128") @Min(1) int maxCustomerRefLength,
    @DefaultValue("5m") Duration maxFutureSkew,
    @DefaultValue("3650d") Duration maxAge,
    @DefaultValue("30d") Duration maxLiveAge,
    @DefaultValue("33554432") @Min(1024) long maxBodyBytes,
    @DefaultValue("1000") @Min(1) int chunkSize,
    @DefaultValue("4000") @Min(1) int maxEventsPerWrite,
    @DefaultValue("3") @Min(1) int concurrentWrites,
    @DefaultValue("4000") @Min(1) int maxInFlightEvents,
    @DefaultValue("40") @Min(0) int maxPendingConnections,
    @DefaultValue("500ms") Duration targetLatency,
    @DefaultValue("256") @Min(4) int maxConcurrentRequests) {}
