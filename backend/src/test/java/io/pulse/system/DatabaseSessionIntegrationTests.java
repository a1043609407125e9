package io.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

@IntegrationTest
class DatabaseSessionIntegrationTests {

  @Autowired DatabaseClient db;

  @Test
  void everySessionPlansStatementsForTheirArguments() {
    // A few times: each may be answered by another pooled connection.
    for (int i = 0; i < 4; i++) {
      assertThat(db.sql("SHOW plan_cache_mode").map(row -> row.get(0, String.class)).one().block())
          .isEqualTo("force_custom_plan");
    }
  }
}
