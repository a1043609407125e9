package io.pulse.window;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations: rebuild the Redis aggregates from PostgreSQL and watch its progress. */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

  private final FullRebuild rebuild;

  AdminController(FullRebuild rebuild) {
    this.rebuild = rebuild;
  }

  @PostMapping("/rebuild")
  ResponseEntity<FullRebuild.Status> startRebuild() {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.start());
  }

  @GetMapping("/rebuild")
  FullRebuild.Status rebuildStatus() {
    return rebuild.status();
  }
}
