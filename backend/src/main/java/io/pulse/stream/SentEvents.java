package io.pulse.stream;

import io.pulse.api.Alert;
import io.pulse.api.FeedItem;
import io.pulse.api.IndexMessage;
import io.pulse.api.LiveStatus;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;

/**
 * What each kind of stream sends, for the OpenAPI document: the event names the controller and
 * {@link FeedStreams} really emit, with the schema of their {@code data}. OpenAPI 3.1 has no way to
 * describe an event stream itself, so the {@code text/event-stream} schema is that of one event's
 * data and the description names the events.
 */
final class SentEvents {

  private SentEvents() {}

  /** An index stream: {@code snapshot}, {@code update}, {@code status} and heartbeat comments. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(
      responseCode = "200",
      description =
          """
          Server-sent events of the scope's index figures in one window, until the client \
          closes the stream:

          - `event: snapshot` — first on every connection (also after a reconnect, whatever \
          `Last-Event-ID` says) and after this instance's live path recovers: the full \
          figures, an `IndexMessage`.
          - `event: update` — some figure changed: the new figures, an `IndexMessage`; at most \
          `pulse.streams.max-updates-per-second` a second.
          - `event: status` — this instance's live path paused (`live: false`, with a \
          `reason`) or resumed: a `LiveStatus`.
          - `: heartbeat` — a comment every `pulse.streams.heartbeat` (15 s), so proxies keep \
          the stream open.
          - `event: reauth` — last, when the bearer token the stream was opened with expires \
          (data `{"reason": …}`): reconnect with a fresh token.

          `id` is the figures' version; `retry` is 3 s plus up to 3 s at random.\
          """,
      headers = {
        @Header(
            name = "X-Accel-Buffering",
            description = "`no`: proxies must pass events on as they come",
            schema = @Schema(implementation = String.class)),
        @Header(
            name = "Cache-Control",
            description = "`no-cache`",
            schema = @Schema(implementation = String.class))
      },
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(oneOf = {IndexMessage.class, LiveStatus.class})))
  @interface Index {}

  /** A dealer's feed: {@code feed}, {@code reset}, {@code status} and heartbeat comments. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(
      responseCode = "200",
      description =
          """
          Server-sent events of the dealer's accepted feedback, until the client closes the \
          stream. On connect the newest `pulse.streams.feed-backlog` (50) items, oldest first, \
          or with `Last-Event-ID` exactly the items after it; then live items.

          - `event: feed` — one accepted answer with its alerts, a `FeedItem`; `id` is its \
          sequence number within the dealer.
          - `event: alert` — an early warning (`INDEX_DROP`, `DETRACTORS_RISE`, \
          `WEAK_POINT:<PARAMETER>`) just raised on one of the dealer's answers: the alert as \
          `GET /dealers/{id}/alerts` lists it, an `Alert` with its `explanations`; no `id`.
          - `event: reset` — more items were missed than the backlog holds (data is a short \
          text): clear the list, the newest items follow.
          - `event: status` — this instance's live path paused or resumed: a `LiveStatus`.
          - `: heartbeat` — a comment every `pulse.streams.heartbeat` (15 s).
          - `event: reauth` — last, when the bearer token the stream was opened with expires: \
          reconnect with a fresh token (and `Last-Event-ID`).

          A client that falls 256 items behind is disconnected and resumes with \
          `Last-Event-ID`.\
          """,
      headers = {
        @Header(
            name = "X-Accel-Buffering",
            description = "`no`: proxies must pass events on as they come",
            schema = @Schema(implementation = String.class)),
        @Header(
            name = "Cache-Control",
            description = "`no-cache`",
            schema = @Schema(implementation = String.class))
      },
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema =
                  @Schema(oneOf = {FeedItem.class, Alert.class, LiveStatus.class, String.class})))
  @interface Feed {}
}
