package io.pulse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Pulse backend: feedback ingest, sliding-window aggregates and live index streams. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseApplication {

  public static void main(String[] args) {
    SpringApplication.run(PulseApplication.class, args);
  }
}
