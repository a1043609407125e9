package io.pulse.stream;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.context.Context;

/**
 * Writes an open stream's events after its request has been handled, not from inside the request.
 *
 * <p>A request runs through the whole WebFlux pipeline: Spring Security's filter chain (which
 * authenticates and authorises it), the other filters, the observation of the request, the handler
 * method with its argument resolvers. A response body is written from inside that pipeline, so a
 * stream written that way keeps every operator of every filter, the exchange and its attributes
 * alive for as long as it is open: most of an idle stream's heap (docs/benchmarks.md, "Heap per
 * open idle stream"). Here the stream's handler only hands the stream over ({@link #serve}); the
 * request completes as a request with an empty body would (its headers committed, Spring Security's
 * among them), and then the stream is written to the connection with nothing of the pipeline left
 * around it. Everything that decides whether the stream may open — authentication, the role gate,
 * the per-object checks, the stream caps — has run by then, exactly as before; a request that
 * failed after a handover (any status but 200, or a body written) drops the stream unopened.
 *
 * <p>Only GET requests under {@code /api/v1/stream/} served by Reactor Netty are decorated; any
 * other (a HEAD, a test's mock server) writes its stream from inside the request as before.
 */
@Component
class StreamHandover implements HttpHandlerDecoratorFactory {

  static final String STREAMS = "/api/v1/stream/";

  @Override
  public HttpHandler apply(HttpHandler handler) {
    return (request, response) ->
        request.getMethod() == HttpMethod.GET
                && request.getPath().value().startsWith(STREAMS)
                && nativeResponse(response) instanceof HttpServerResponse connection
            ? new Handover(handler, request, response, connection)
            : handler.handle(request, response);
  }

  /**
   * Serves {@code stream} as the response's body: handed over to be written after the request, or
   * written from inside it where there is no handover. {@code release} gives back what the stream
   * holds (its slot of the stream caps), however the stream ends, also if it is never written; the
   * stream itself runs it when it ends, so it must be idempotent.
   */
  static Mono<Void> serve(ServerHttpResponse response, Flux<DataBuffer> stream, Runnable release) {
    HandoverResponse handover = find(response);
    if (handover != null && handover.take(stream, release)) {
      return Mono.empty();
    }
    return response.writeAndFlushWith(stream.map(Flux::just)).doFinally(s -> release.run());
  }

  private static @Nullable HandoverResponse find(ServerHttpResponse response) {
    ServerHttpResponse r = response;
    while (r instanceof ServerHttpResponseDecorator d) {
      if (d instanceof HandoverResponse h) {
        return h;
      }
      r = d.getDelegate();
    }
    return null;
  }

  private static @Nullable Object nativeResponse(ServerHttpResponse response) {
    ServerHttpResponse r = response;
    while (r instanceof ServerHttpResponseDecorator d) {
      r = d.getDelegate();
    }
    return r instanceof AbstractServerHttpResponse a ? a.getNativeResponse() : null;
  }

  /**
   * One stream request: handles the request, then writes the stream its handler handed over, if
   * any. Publisher and subscriber in one, and unlike a chain of operators it lets go of the
   * request's pipeline once that completed: whoever subscribed to it keeps it for as long as the
   * stream is open.
   */
  private static final class Handover extends Mono<Void>
      implements CoreSubscriber<Void>, Subscription {

    private static final Subscription CANCELLED = Operators.cancelledSubscription();

    private static final AtomicReferenceFieldUpdater<Handover, Subscription> CURRENT =
        AtomicReferenceFieldUpdater.newUpdater(Handover.class, Subscription.class, "current");

    private final HttpServerResponse connection;
    // Until subscribed: what handles the request.
    private @Nullable HttpHandler handler;
    private @Nullable ServerHttpRequest request;
    private @Nullable ServerHttpResponse response;
    // The request as the server made it: it outlives the handling (the server's adapter holds it).
    private @Nullable AbstractServerHttpRequest served;
    // What the request's handler handed over.
    private @Nullable Flux<DataBuffer> stream;
    private @Nullable Runnable release;
    private boolean refused;
    // The request's subscriber, then the stream's.
    private @Nullable CoreSubscriber<? super Void> actual;
    private volatile @Nullable Subscription current;
    private boolean writing;

    Handover(
        HttpHandler handler,
        ServerHttpRequest request,
        ServerHttpResponse response,
        HttpServerResponse connection) {
      this.handler = handler;
      this.request = request;
      this.response = response;
      this.connection = connection;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> subscriber) {
      HttpHandler h;
      ServerHttpRequest req;
      ServerHttpResponse res;
      synchronized (this) {
        h = handler;
        req = request;
        res = response;
        handler = null;
        request = null;
        response = null;
      }
      if (h == null || req == null || res == null) {
        Operators.error(subscriber, new IllegalStateException("a request is handled once"));
        return;
      }
      actual = subscriber;
      served = req instanceof AbstractServerHttpRequest a ? a : null;
      Mono<Void> handled;
      try {
        handled = h.handle(req, new HandoverResponse(res, this));
      } catch (RuntimeException e) {
        abandon();
        Operators.error(subscriber, e);
        return;
      }
      subscriber.onSubscribe(this);
      handled.subscribe(this);
    }

    synchronized boolean take(Flux<DataBuffer> s, Runnable r) {
      if (refused || stream != null) {
        return false;
      }
      stream = s;
      release = r;
      return true;
    }

    /** The request ended otherwise than with the empty 200 of a stream: no stream. */
    synchronized void refuse() {
      refused = true;
    }

    @Override
    public void onSubscribe(Subscription s) {
      for (; ; ) {
        Subscription c = current;
        if (c == CANCELLED) {
          s.cancel();
          return;
        }
        if (CURRENT.compareAndSet(this, c, s)) {
          s.request(Long.MAX_VALUE);
          return;
        }
      }
    }

    @Override
    public void onNext(Void v) {}

    @Override
    public void onError(Throwable e) {
      abandon();
      CoreSubscriber<? super Void> a = actual;
      if (a != null) {
        a.onError(e);
      }
    }

    @Override
    public void onComplete() {
      if (writing) {
        abandon();
        CoreSubscriber<? super Void> a = actual;
        if (a != null) {
          a.onComplete();
        }
        return;
      }
      // The request is done: let go of its pipeline, then write the stream, if there is one.
      writing = true;
      AbstractServerHttpRequest r = served;
      served = null;
      if (r != null) {
        // The request reads its attributes through the exchange; that would hold the exchange,
        // with its filters' leftovers and the request's observation, for as long as the stream.
        r.setAttributesSupplier(Collections::emptyMap);
      }
      Subscription handled = current;
      if (handled == CANCELLED || !CURRENT.compareAndSet(this, handled, null)) {
        abandon(); // cancelled meanwhile: the client has gone
        return;
      }
      Flux<DataBuffer> s;
      synchronized (this) {
        s = refused ? null : stream;
        stream = null;
      }
      if (s == null) {
        onComplete();
        return;
      }
      // Written exactly as WebFlux writes an event stream: each event a group of its own, flushed
      // as it goes out; a client that reads nothing holds as few events here as it did there.
      connection
          .sendGroups(s.map(b -> Mono.just(NettyDataBufferFactory.toByteBuf(b))))
          .then()
          .subscribe(this);
    }

    @Override
    public void request(long n) {
      // A Mono<Void>: nothing to ask for.
    }

    @Override
    public void cancel() {
      Subscription s = CURRENT.getAndSet(this, CANCELLED);
      if (s != null && s != CANCELLED) {
        s.cancel();
      }
      abandon();
    }

    @Override
    public Context currentContext() {
      CoreSubscriber<? super Void> a = actual;
      return a != null ? a.currentContext() : Context.empty();
    }

    /** Gives back what a stream that was never written holds; idempotent, so always run. */
    private void abandon() {
      Runnable r;
      synchronized (this) {
        r = release;
        release = null;
        stream = null;
      }
      if (r != null) {
        r.run();
      }
    }
  }

  /**
   * The response of a stream request: takes the handover, and notes when the request ends in
   * anything but the empty 200 that precedes a handed-over stream.
   */
  private static final class HandoverResponse extends ServerHttpResponseDecorator {

    private final Handover handover;

    HandoverResponse(ServerHttpResponse delegate, Handover handover) {
      super(delegate);
      this.handover = handover;
    }

    boolean take(Flux<DataBuffer> stream, Runnable release) {
      return handover.take(stream, release);
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      handover.refuse();
      return super.writeWith(body);
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      handover.refuse();
      return super.writeAndFlushWith(body);
    }

    @Override
    public Mono<Void> setComplete() {
      if (!HttpStatus.OK.equals(getStatusCode())) {
        handover.refuse();
      }
      return super.setComplete();
    }
  }
}
