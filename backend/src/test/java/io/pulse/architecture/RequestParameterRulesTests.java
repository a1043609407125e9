package io.pulse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.network.NetworkId;
import io.pulse.system.UuidText;
import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every value a request brings in its path, query or headers goes through one declared rule before
 * the handler runs: ids through {@link NetworkId} (the one id rule) or {@link UuidText} (event and
 * key ids), every other value through some constraint ({@code @OneOf}, {@code @WindowName},
 * {@code @Size}, …), numbers through bounds. A new endpoint that forgets it fails here, not in
 * production with a hostile id.
 */
class RequestParameterRulesTests {

  @Test
  void everyIdIsANetworkIdAndEveryOtherValueHasARule() throws Exception {
    List<String> handlers = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (Class<?> controller : controllers()) {
      for (Method method : controller.getDeclaredMethods()) {
        if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
          continue;
        }
        handlers.add(controller.getSimpleName() + "." + method.getName());
        for (Parameter p : method.getParameters()) {
          String name = requestName(p);
          if (name == null) {
            continue; // a body, the response, …: not a path, query or header value
          }
          String where = controller.getSimpleName() + "." + method.getName() + "(" + name + ")";
          boolean isId = name.equals("id") || name.endsWith("Id") && !name.equals("Last-Event-ID");
          if (isId
              && !p.isAnnotationPresent(NetworkId.class)
              && !p.isAnnotationPresent(UuidText.class)) {
            broken.add(where + " is an id without @NetworkId or @UuidText");
          } else if (!hasConstraint(p)) {
            broken.add(where + " has no constraint");
          }
        }
      }
    }
    assertThat(handlers).as("handlers found").hasSizeGreaterThan(20);
    assertThat(broken).isEmpty();
  }

  private static List<Class<?>> controllers() throws ClassNotFoundException {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    List<Class<?>> out = new ArrayList<>();
    for (var candidate : scanner.findCandidateComponents("io.pulse")) {
      out.add(Class.forName(candidate.getBeanClassName()));
    }
    return out;
  }

  private static String requestName(Parameter p) {
    PathVariable path = p.getAnnotation(PathVariable.class);
    if (path != null) {
      return first(path.name(), path.value(), p.getName());
    }
    RequestParam query = p.getAnnotation(RequestParam.class);
    if (query != null) {
      return first(query.name(), query.value(), p.getName());
    }
    RequestHeader header = p.getAnnotation(RequestHeader.class);
    if (header != null) {
      return first(header.name(), header.value(), p.getName());
    }
    return null;
  }

  private static boolean hasConstraint(Parameter p) {
    return Arrays.stream(p.getAnnotations())
        .map(Annotation::annotationType)
        .anyMatch(t -> t.isAnnotationPresent(Constraint.class));
  }

  private static String first(String... names) {
    return Arrays.stream(names).filter(n -> !n.isEmpty()).findFirst().orElseThrow();
  }
}
