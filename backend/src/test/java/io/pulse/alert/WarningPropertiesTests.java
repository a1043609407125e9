package io.pulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.index.EarlyWarningSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WarningPropertiesTests {

  @Test
  void theDefaultsAreTheDocumentedSettings() {
    WarningProperties bound =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("pulse.warnings", WarningProperties.class);
    assertThat(bound.settings()).isEqualTo(EarlyWarningSettings.defaults());
  }

  @Test
  void settingsAreBoundFromConfiguration() {
    WarningProperties bound =
        new Binder(
                new MapConfigurationPropertySource(
                    Map.of("pulse.warnings.csi-h", "6", "pulse.warnings.warmup", "50")))
            .bindOrCreate("pulse.warnings", WarningProperties.class);
    assertThat(bound.settings().csiH()).isEqualTo(6);
    assertThat(bound.settings().warmup()).isEqualTo(50);
  }
}
