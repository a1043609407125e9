package io.pulse.simulator;

import java.time.ZoneId;

/** One dealership as sent to the network import; {@code timeZone} is an IANA zone id. */
public record SimDealer(
    String id, String name, String brandId, String regionId, String city, String timeZone) {

  /** The dealer's time zone, in which its events carry their offset. */
  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }
}
