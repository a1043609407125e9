package io.pulse.network;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.NetworkIds;
import io.pulse.api.Region;
import io.pulse.system.FieldViolation;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Checks network records field by field, so a refused load says exactly what is wrong. */
final class NetworkValidator {

  static final int MAX_NAME = 200;

  private NetworkValidator() {}

  static List<FieldViolation> brand(@Nullable Brand b) {
    List<FieldViolation> v = new ArrayList<>();
    if (b == null) {
      v.add(new FieldViolation("", "must be an object"));
      return v;
    }
    id(v, "id", b.id());
    name(v, "name", b.name(), true);
    return v;
  }

  static List<FieldViolation> region(@Nullable Region r) {
    List<FieldViolation> v = new ArrayList<>();
    if (r == null) {
      v.add(new FieldViolation("", "must be an object"));
      return v;
    }
    id(v, "id", r.id());
    name(v, "name", r.name(), true);
    return v;
  }

  static List<FieldViolation> dealer(@Nullable Dealer d) {
    List<FieldViolation> v = new ArrayList<>();
    if (d == null) {
      v.add(new FieldViolation("", "must be an object"));
      return v;
    }
    id(v, "id", d.id());
    name(v, "name", d.name(), true);
    id(v, "brandId", d.brandId());
    id(v, "regionId", d.regionId());
    name(v, "city", d.city(), false);
    if (d.timeZone() == null || d.timeZone().isBlank()) {
      v.add(new FieldViolation("timeZone", "is required, an IANA time zone such as Europe/Moscow"));
    } else {
      try {
        ZoneId.of(d.timeZone());
      } catch (DateTimeException e) {
        v.add(new FieldViolation("timeZone", "is not a known time zone: use e.g. Europe/Moscow"));
      }
    }
    return v;
  }

  /** Duplicate ids inside one load are ambiguous (which one wins?), so they are refused. */
  static <T> void uniqueIds(
      List<FieldViolation> v, String list, List<T> items, Function<T, String> id) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      String value = item == null ? null : id.apply(item);
      if (value != null && !seen.add(value)) {
        v.add(new FieldViolation(list + "[" + i + "].id", "duplicates an earlier id in this load"));
      }
    }
  }

  private static void id(List<FieldViolation> v, String field, @Nullable String id) {
    if (id == null) {
      v.add(new FieldViolation(field, "is required"));
    } else if (!NetworkIds.isValid(id)) {
      v.add(new FieldViolation(field, NetworkIds.RULE));
    }
  }

  private static void name(
      List<FieldViolation> v, String field, @Nullable String name, boolean required) {
    if (name == null || name.isBlank()) {
      if (required) {
        v.add(new FieldViolation(field, "is required and must not be blank"));
      }
    } else if (name.length() > MAX_NAME) {
      v.add(new FieldViolation(field, "must be at most " + MAX_NAME + " characters"));
    } else if (name.chars().anyMatch(Character::isISOControl)) {
      v.add(new FieldViolation(field, "must not contain control characters"));
    }
  }
}
