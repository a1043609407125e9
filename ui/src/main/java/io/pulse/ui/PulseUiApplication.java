package io.pulse.ui;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Pulse's web UI: dealer cabinets and executive dashboards, live from the backend's streams. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseUiApplication {

  public static void main(String[] args) {
    SpringApplication.run(PulseUiApplication.class, args);
  }
}
