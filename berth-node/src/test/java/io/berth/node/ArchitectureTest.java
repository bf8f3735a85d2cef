package io.berth.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries of docs/architecture.md, checked on the compiled classes of every module. */
class ArchitectureTest {
  private static JavaClasses berth;

  @BeforeAll
  static void importClasses() {
    berth = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.berth");
  }

  @Test
  void onlyStateZookeeperTalksToZooKeeper() {
    noClasses().that().resideOutsideOfPackage("io.berth.state.zookeeper..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.zookeeper..", "org.apache.curator..")
        .check(berth);
  }

  @Test
  void onlyTheHttpModuleUsesTheServerLibraries() {
    noClasses().that().resideOutsideOfPackage("io.berth.http..")
        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "io.netty..")
        .check(berth);
  }

  @Test
  void onlyCommonReadsClocksAndMakesUuids() {
    noClasses().that().resideOutsideOfPackages("io.berth.common.time..", "io.berth.common.id..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(UUID.class, "randomUUID")
        .check(berth);
  }

  @Test
  void theMasterAndTheAgentDoNotReachIntoEachOther() {
    noClasses().that().resideInAPackage("io.berth.master..")
        .should().dependOnClassesThat().resideInAPackage("io.berth.agent..").check(berth);
    noClasses().that().resideInAPackage("io.berth.agent..")
        .should().dependOnClassesThat().resideInAPackage("io.berth.master..").check(berth);
  }

  @Test
  void pureCoresDoNoIo() {
    noClasses().that().resideInAnyPackage("io.berth.state.image..", "io.berth.master.allocation..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "io.berth.client..")
        .check(berth);
  }
}
