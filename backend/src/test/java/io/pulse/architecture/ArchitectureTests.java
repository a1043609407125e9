package io.pulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Collectors;

/** The package rules of the backend, checked on every build. */
@AnalyzeClasses(packages = "io.pulse", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  /** The index math is plain Java: trivially unit- and property-testable, reusable anywhere. */
  @ArchTest
  static final ArchRule indexMathIsPlainJava =
      classes()
          .that()
          .resideInAPackage("io.pulse.index..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.pulse.index..",
              "io.pulse.api..",
              "java..",
              "org.jspecify..",
              "org.apache.commons.math3..");

  /** The API's records are plain Java, so any client can share them without a framework. */
  @ArchTest
  static final ArchRule apiIsPlainJava =
      classes()
          .that()
          .resideInAPackage("io.pulse.api..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.pulse.api..", "java..", "org.jspecify..");

  /**
   * Each public message is defined once, in {@code io.pulse.api}: a second record of the same name
   * would drift from it and break a client only in production.
   */
  @ArchTest
  static final ArchRule messagesAreDefinedOnceInTheApi =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.pulse.api..")
          .and()
          .areTopLevelClasses()
          .and()
          .doNotHaveSimpleName("package-info")
          .should(haveTheNameOfAnApiType());

  static ArchCondition<JavaClass> haveTheNameOfAnApiType() {
    Set<String> api =
        new ClassFileImporter()
            .importPackages("io.pulse.api").stream()
                .filter(JavaClass::isTopLevelClass)
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
    return new ArchCondition<>("have the name of a type of io.pulse.api") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        if (api.contains(c.getSimpleName())) {
          events.add(SimpleConditionEvent.satisfied(c, c.getName() + " copies an API type"));
        }
      }
    };
  }

  /** Features depend on each other without cycles. */
  @ArchTest
  static final ArchRule featuresAreFreeOfCycles =
      slices().matching("io.pulse.(*)..").should().beFreeOfCycles();

  /**
   * The read side goes through {@code figures}: only the windows themselves and {@code figures}
   * touch the Redis scripts, so what a counter means is defined in one place.
   */
  @ArchTest
  static final ArchRule countersAreReadOnlyThroughFigures =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.pulse.window..", "io.pulse.figures..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.pulse.window.WindowStore");

  /** The windows are counters: they know nothing of figures, streams or the API above them. */
  @ArchTest
  static final ArchRule windowsDoNotKnowTheReadSide =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.window..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.pulse.figures..",
              "io.pulse.stream..",
              "io.pulse.analytics..",
              "io.pulse.admin..");

  /** Main code never sleeps: it schedules. */
  @ArchTest
  static final ArchRule noSleepingInTheService =
      noClasses()
          .should()
          .callMethod(Thread.class, "sleep", long.class)
          .orShould()
          .callMethod(Thread.class, "sleep", java.time.Duration.class);

  /** No field injection: collaborators come through constructors. */
  @ArchTest
  static final ArchRule noFieldInjection =
      noClasses()
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");
}
