package io.pulse.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Collectors;

/** Package rules: features on top of base and backend, the backend client free of Vaadin. */
@AnalyzeClasses(packages = "io.pulse.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest
  static final ArchRule backendClientKnowsNoVaadin =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.ui.backend..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.vaadin..",
              "io.pulse.ui.base..",
              "io.pulse.ui.dealer..",
              "io.pulse.ui.executive..");

  @ArchTest
  static final ArchRule baseKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.ui.base..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.pulse.ui.dealer..", "io.pulse.ui.executive..");

  /** Executives drill down into cabinets; a cabinet links up by address only. */
  @ArchTest
  static final ArchRule dealerCabinetDoesNotDependOnExecutiveViews =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.ui.dealer..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.pulse.ui.executive..");

  @ArchTest
  static final ArchRule noRawHtmlWithUserText =
      noClasses()
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("com.vaadin.flow.component.Html")
          .because("comments are untrusted: text components only, never raw HTML");

  /** The UI reads the backend's messages as {@code io.pulse.api} defines them, never a copy. */
  @ArchTest
  static final ArchRule noCopiesOfApiMessages =
      noClasses()
          .that(haveTheNameOfAnApiType())
          .should()
          .resideInAPackage("io.pulse.ui..")
          .because("a copied record drifts from the backend's and breaks only in production")
          .allowEmptyShould(true);

  private static DescribedPredicate<JavaClass> haveTheNameOfAnApiType() {
    Set<String> api =
        new ClassFileImporter()
            .importPackages("io.pulse.api").stream()
                .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
    return DescribedPredicate.describe(
        "have the name of a type of io.pulse.api", c -> api.contains(c.getSimpleName()));
  }
}
