package io.pulse.security;

import io.pulse.api.Me;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Who the caller is and what they are bound to. The UI signs its users in with this: it sends the
 * credentials a person typed and learns their role and dealers or brand, so users live in one place
 * (the backend's configuration or the OIDC provider) and the UI keeps no user list of its own.
 */
@Tag(name = "Caller", description = "Who the caller is")
@RestController
class MeController {

  private final Access access;

  MeController(Access access) {
    this.access = access;
  }

  @GetMapping("/api/v1/me")
  Mono<Me> me() {
    return access
        .user()
        .map(
            u -> new Me(u.name(), u.role(), u.dealerIds().stream().sorted().toList(), u.brandId()));
  }
}
