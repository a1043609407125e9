package io.pulse.security;

import io.pulse.system.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Object-level checks, called by every endpoint that addresses a dealer or a brand. Something the
 * caller may not see is answered exactly like something that does not exist (404), so ids of other
 * dealers or brands cannot be probed.
 */
@Component
public class Access {

  /** The current caller (empty outside a request). */
  public Mono<PulseUser> user() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(a -> a.getPrincipal() instanceof PulseUser)
        .map(a -> (PulseUser) a.getPrincipal());
  }

  /**
   * Whether the caller sees comments as customers wrote them, telephone numbers and e-mail
   * addresses included: admins only, everyone else gets them masked (docs/security.md, "Personal
   * data in comments"); false outside a request.
   */
  public Mono<Boolean> seesPersonalData() {
    return user().map(PulseUser::isAdmin).defaultIfEmpty(false);
  }

  /** The caller's authentication: who they are, and when their credentials expire, if they do. */
  public Mono<PulseAuthentication> authentication() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .ofType(PulseAuthentication.class);
  }

  // Errors are built lazily (Mono.error(Supplier)): these run on every request, and an exception
  // built eagerly fills its stack trace even when the check passes.
  private Mono<PulseUser> required() {
    return user().switchIfEmpty(Mono.error(() -> new AccessDeniedException("not authenticated")));
  }

  public Mono<PulseUser> requireDealer(String dealerId, String brandId) {
    return required()
        .filter(u -> u.canSeeDealer(dealerId, brandId))
        .switchIfEmpty(Mono.error(() -> new NotFoundException("No dealer with id " + dealerId)));
  }

  public Mono<PulseUser> requireDealerHandler(String dealerId) {
    return required()
        .filter(u -> u.canHandleDealer(dealerId))
        .switchIfEmpty(
            Mono.error(
                () -> new AccessDeniedException("only the dealer's managers act on its alerts")));
  }

  public Mono<PulseUser> requireBrand(String brandId) {
    return required()
        .filter(u -> u.canSeeBrand(brandId))
        .switchIfEmpty(Mono.error(() -> new NotFoundException("No brand with id " + brandId)));
  }

  public Mono<PulseUser> requireAdmin() {
    return required()
        .filter(PulseUser::isAdmin)
        .switchIfEmpty(Mono.error(() -> new AccessDeniedException("admins only")));
  }
}
