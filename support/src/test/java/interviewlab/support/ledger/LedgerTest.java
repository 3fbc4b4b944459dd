package interviewlab.support.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test builds a miniature repo in a temporary folder (a doc, a test class, surefire results), breaks one
 * thing in it, and runs the ledger the way ./lab does.
 */
class LedgerTest {
    private static final String TEST_CLASS = "support/src/test/java/demo/FaultsTest.java";

    // The test class of the miniature repo. Its snippet markers are written {snippet:NAME} and {end-snippet} here
    // and become real markers only when written (see write): as real lines in this file they would be snippets of
    // the lab itself.
    private static final String FAULTS_TEST = """
            package demo;

            import interviewlab.support.claims.Claim;

            class FaultsTest {
                @Test
                @Claim("TK-1")
                void killNineLeavesNoGoodbye() {
                    {snippet:kill}
                    process.kill(9);
                    {end-snippet}
                }

                @Test
                @Claim("TK-2")
                void packetLossDropsPackets() {
                }
            }
            """;

    private static final String TOOLKIT_DOC = """
            ---
            title: Toolkit
            ---
            # Toolkit

            ## What it promises

            - **TK-1** A killed process says no goodbye — [how it is proved](#how-it-is-proved).
            - **TK-2** Packet loss drops packets.

            ## How it is proved

            <!-- snippet: kill -->
            ```java
            process.kill(9);
            ```
            <sub>From [support/src/test/java/demo/FaultsTest.java](../support/src/test/java/demo/FaultsTest.java)</sub>
            <!-- end-snippet -->
            """;

    @TempDir
    Path root;

    @Test
    void aConsistentMiniatureRepoChecksClean() throws IOException {
        // given
        consistentRepo();

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("with every claim tested, every link and snippet right, check says so in one line")
                .containsExactly("ledger: 2 claims in 1 doc, each named by a test; links and snippets agree");
        assertThat(check.exit()).as("a clean check exits 0").isZero();
    }

    @Test
    @Claim("TK-9")
    void aDocClaimThatNoTestNamesIsReported() throws IOException {
        // given: TK-3 is declared on line 10 and no test names it
        consistentRepo();
        write(
                "docs/toolkit.md",
                TOOLKIT_DOC.replace("drops packets.\n", "drops packets.\n- **TK-3** Nobody proves this.\n"));

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("a claim in a doc must be named by at least one test's @Claim")
                .contains(
                        "docs/toolkit.md:10: claim TK-3 is named by no test: put @Claim(\"TK-3\") on the test that proves it");
        assertThat(check.exit()).as("a problem makes check exit 1").isEqualTo(1);
    }

    @Test
    @Claim("TK-9")
    void aClaimInAnyListStyleIsAClaimAndABoldIdInAnyOtherFormIsReported() throws IOException {
        // given: claims TK-3 to TK-5 in other list styles (lines 10-12), and two lines that only look like claims
        consistentRepo();
        write("docs/toolkit.md", TOOLKIT_DOC.replace("drops packets.\n", """
                drops packets.
                * **TK-3** A starred claim.
                1. **TK-4** A numbered claim.
                   + **TK-5** A nested claim.

                **TK-6** A paragraph that starts like a claim.
                - **TK-7**: a claim with a colon.
                """));

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("every list style declares a claim, which needs a test; any other bold ID at the"
                        + " start of a line is reported, so no claim escapes the ledger")
                .containsExactly(
                        "docs/toolkit.md:14: this line starts like claim TK-6 but does not declare it:"
                                + " write it as a list item, - **TK-6** and its statement",
                        "docs/toolkit.md:15: this line starts like claim TK-7 but does not declare it:"
                                + " write it as a list item, - **TK-7** and its statement",
                        "docs/toolkit.md:10: claim TK-3 is named by no test: put @Claim(\"TK-3\") on the test that proves it",
                        "docs/toolkit.md:11: claim TK-4 is named by no test: put @Claim(\"TK-4\") on the test that proves it",
                        "docs/toolkit.md:12: claim TK-5 is named by no test: put @Claim(\"TK-5\") on the test that proves it",
                        "ledger: 5 problems");
        assertThat(check.exit())
                .as("a claim without a test, or a line that is not quite a claim, makes check exit 1")
                .isEqualTo(1);
    }

    @Test
    @Claim("TK-9")
    void aClaimThatLinksToATestClassWithoutItsClaimIsReported() throws IOException {
        // given: TK-1 links to OtherTest, which proves TK-2 only; TK-2 links to FaultsTest, which names it
        consistentRepo();
        write(
                "docs/toolkit.md",
                TOOLKIT_DOC
                        .replace(
                                "[how it is proved](#how-it-is-proved).",
                                "[OtherTest](../support/src/test/java/demo/OtherTest.java)")
                        .replace(
                                "drops packets.\n",
                                "drops packets. — [FaultsTest](../support/src/test/java/demo/FaultsTest.java#L15)\n"));
        write("support/src/test/java/demo/OtherTest.java", """
                package demo;

                class OtherTest {
                    @Test
                    @Claim("TK-2")
                    void alsoDropsPackets() {
                    }
                }
                """);

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("the test class a claim links to must carry a test with that claim's @Claim")
                .containsExactly(
                        "docs/toolkit.md:8: claim TK-1 links to support/src/test/java/demo/OtherTest.java,"
                                + " which has no test with @Claim(\"TK-1\"): link the test that proves it",
                        "ledger: 1 problem");
        assertThat(check.exit())
                .as("a claim linked to the wrong test makes check exit 1")
                .isEqualTo(1);
    }

    @Test
    @Claim("TK-10")
    void aTestNamingAClaimNoDocDeclaresIsReported() throws IOException {
        // given: a test names TK-99, which no doc declares
        consistentRepo();
        write("support/src/test/java/demo/OrphanTest.java", """
                package demo;

                class OrphanTest {
                    @Test
                    @Claim("TK-99")
                    void provesNothingDeclared() {
                    }
                }
                """);

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("every @Claim must name a claim some doc declares")
                .contains(
                        "support/src/test/java/demo/OrphanTest.java:5: OrphanTest.provesNothingDeclared names claim TK-99,"
                                + " which no doc declares");
        assertThat(check.exit()).as("a problem makes check exit 1").isEqualTo(1);
    }

    @Test
    @Claim("TK-11")
    void linksToMissingFilesAndAnchorsAreReportedWhileValidOnesAreNot() throws IOException {
        // given: a doc with links that lead somewhere (lines 4-9), nowhere (lines 11-13), and one in a code fence
        consistentRepo();
        write("docs/guide.md", """
                # Guide

                <a id="pinned"></a>
                ## Setup
                ## Setup
                """);
        write("docs/links.md", """
                # Links

                ## A heading, with punctuation!
                [a file](guide.md), [a heading](#a-heading-with-punctuation), [an explicit anchor](guide.md#pinned)
                [a repeated heading](guide.md#setup-1), [a titled link](<guide.md> "the guide")
                [a source line](../support/src/test/java/demo/FaultsTest.java#L10), [the web](https://example.com/gone)
                `[inline code](not-a-link.md)`
                ```
                [in a fence](not-a-link-either.md)
                ```
                [a missing file](missing.md)
                [a missing heading](#no-such-heading)
                [a missing anchor in another doc](guide.md#teardown)
                """);

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("links to files, heading slugs and explicit anchors that exist are not reported;"
                        + " links to a missing file or anchor are, each with its place")
                .containsExactly(
                        "docs/links.md:11: broken link [a missing file](missing.md): docs/missing.md does not exist",
                        "docs/links.md:12: broken link [a missing heading](#no-such-heading):"
                                + " docs/links.md has no anchor #no-such-heading",
                        "docs/links.md:13: broken link [a missing anchor in another doc](guide.md#teardown):"
                                + " docs/guide.md has no anchor #teardown",
                        "ledger: 3 problems");
        assertThat(check.exit()).as("a broken link makes check exit 1").isEqualTo(1);
    }

    @Test
    @Claim("TK-12")
    void aSnippetThatDiffersFromItsSourceIsReportedUntilSnippetsRewritesTheDoc() throws IOException {
        // given: the source's snippet changed after the doc copied it
        consistentRepo();
        write(TEST_CLASS, FAULTS_TEST.replace("process.kill(9);", "process.kill(15);"));

        // when
        Run check = ledger("check");
        Run snippets = ledger("snippets");
        Run checkAgain = ledger("check");

        // then
        assertThat(check.out())
                .as("a doc's snippet must equal what its source would generate")
                .contains("docs/toolkit.md:13: snippet 'kill' differs from " + TEST_CLASS + "; run ./lab docs");
        assertThat(check.exit()).as("a snippet that drifted makes check exit 1").isEqualTo(1);
        assertThat(snippets.out())
                .as("snippets rewrites the doc that changed")
                .containsExactly("ledger: updated docs/toolkit.md");
        assertThat(snippets.exit()).as("a rewrite that succeeds exits 0").isZero();
        assertThat(read("docs/toolkit.md"))
                .as("the doc now shows the source's code")
                .isEqualTo(TOOLKIT_DOC.replace("process.kill(9);", "process.kill(15);"));
        assertThat(checkAgain.exit()).as("after the rewrite, check passes").isZero();
    }

    @Test
    @Claim("TK-13")
    void theReportMarksClaimsPassedFailedAndNotRunFromSurefireResults() throws IOException {
        // given: TK-1's test passed, TK-2's failed, TK-3's never ran and TK-4's was skipped
        consistentRepo();
        write(
                "docs/toolkit.md",
                TOOLKIT_DOC.replace(
                        "drops packets.\n",
                        "drops packets.\n- **TK-3** Slow things finish.\n- **TK-4** Skipped things are not proof.\n"));
        write("support/src/test/java/demo/SlowTest.java", """
                package demo;

                class SlowTest {
                    @Test
                    @Claim("TK-3")
                    void slowThingsFinish() {
                    }

                    @Test
                    @Claim("TK-4")
                    void skippedThingsAreNotProof() {
                    }
                }
                """);
        write("support/target/surefire-reports/TEST-demo.FaultsTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.FaultsTest" tests="2" failures="1">
                  <testcase name="killNineLeavesNoGoodbye" classname="demo.FaultsTest" time="0.25"/>
                  <testcase name="packetLossDropsPackets()" classname="demo.FaultsTest" time="1.5">
                    <failure message="expected 3 packets lost"/>
                  </testcase>
                </testsuite>
                """);
        write("support/target/surefire-reports/TEST-demo.SlowTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.SlowTest" tests="1" skipped="1">
                  <testcase name="skippedThingsAreNotProof" classname="demo.SlowTest" time="0">
                    <skipped/>
                  </testcase>
                </testsuite>
                """);

        // when
        Run report = ledger("report");

        // then
        assertThat(report.out())
                .as("one aligned row per claim and test, then the tally and where the ledger is")
                .containsExactly(
                        "  TK-1  PASSED   0.3 s  FaultsTest.killNineLeavesNoGoodbye",
                        "  TK-2  FAILED   1.5 s  FaultsTest.packetLossDropsPackets",
                        "  TK-3  NOT RUN      —  SlowTest.slowThingsFinish",
                        "  TK-4  SKIPPED  0.0 s  SlowTest.skippedThingsAreNotProof",
                        "ledger: 4 claims: 1 passed, 1 failed, 2 not run",
                        "ledger written to target/ledger.md");
        assertThat(read("target/ledger.md"))
                .as("target/ledger.md has the same rows as a Markdown table")
                .startsWith("# Claims ledger\n")
                .contains("| Claim | Statement | Test | Result | Time |")
                .contains("| TK-1 | A killed process says no goodbye | [FaultsTest.killNineLeavesNoGoodbye]"
                        + "(../support/src/test/java/demo/FaultsTest.java#L7) | PASSED | 0.3 s |")
                .contains("| TK-2 | Packet loss drops packets. | [FaultsTest.packetLossDropsPackets]"
                        + "(../support/src/test/java/demo/FaultsTest.java#L15) | FAILED | 1.5 s |")
                .contains("| TK-3 | Slow things finish. | [SlowTest.slowThingsFinish]"
                        + "(../support/src/test/java/demo/SlowTest.java#L5) | NOT RUN | — |");
        assertThat(report.exit())
                .as("a failed claim, or one that did not run, makes the report exit 1")
                .isEqualTo(1);
    }

    @Test
    @Claim("TK-13")
    void aParameterizedTestWithASkippedCaseDoesNotPassItsClaim() throws IOException {
        // given: TK-1's parameterized test passed one case and skipped the other; TK-2's test passed
        consistentRepo();
        write("support/target/surefire-reports/TEST-demo.FaultsTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.FaultsTest" tests="3" skipped="1">
                  <testcase name="killNineLeavesNoGoodbye(int)[1]" classname="demo.FaultsTest" time="0.5"/>
                  <testcase name="killNineLeavesNoGoodbye(int)[2]" classname="demo.FaultsTest" time="0">
                    <skipped message="assumption failed"/>
                  </testcase>
                  <testcase name="packetLossDropsPackets" classname="demo.FaultsTest" time="1.0"/>
                </testsuite>
                """);

        // when
        Run report = ledger("report");

        // then
        assertThat(report.out())
                .as("a claim proved for some cases only is not proved: the skipped case leaves it not run")
                .containsExactly(
                        "  TK-1  SKIPPED  0.5 s  FaultsTest.killNineLeavesNoGoodbye",
                        "  TK-2  PASSED   1.0 s  FaultsTest.packetLossDropsPackets",
                        "ledger: 2 claims: 1 passed, 0 failed, 1 not run",
                        "ledger written to target/ledger.md");
        assertThat(report.exit()).as("a claim not run makes the report exit 1").isEqualTo(1);
    }

    @Test
    @Claim("TK-13")
    void aParameterizedTestWithAFailedCaseFailsItsClaimWhateverCaseComesLast() throws IOException {
        // given: TK-1's parameterized test failed its first case and passed its second
        consistentRepo();
        write("support/target/surefire-reports/TEST-demo.FaultsTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.FaultsTest" tests="3" failures="1">
                  <testcase name="killNineLeavesNoGoodbye(int)[1]" classname="demo.FaultsTest" time="0.5">
                    <failure message="the process said goodbye"/>
                  </testcase>
                  <testcase name="killNineLeavesNoGoodbye(int)[2]" classname="demo.FaultsTest" time="0.5"/>
                  <testcase name="packetLossDropsPackets" classname="demo.FaultsTest" time="1.0"/>
                </testsuite>
                """);

        // when
        Run report = ledger("report");

        // then
        assertThat(report.out())
                .as("one failed case fails the claim, even when a passed case comes after it")
                .contains("  TK-1  FAILED   1.0 s  FaultsTest.killNineLeavesNoGoodbye");
        assertThat(report.exit()).isEqualTo(1);
    }

    @Test
    @Claim("TK-13")
    void aClaimWithTwoTestsOfWhichOneDidNotRunIsNotPassed() throws IOException {
        // given: TK-2 is named by two tests; one passed, the other is in no report
        consistentRepo();
        write("support/src/test/java/demo/MoreFaultsTest.java", """
                package demo;

                class MoreFaultsTest {
                    @Test
                    @Claim("TK-2")
                    void packetLossDropsPacketsOnTheWayOutToo() {
                    }
                }
                """);
        write("support/target/surefire-reports/TEST-demo.FaultsTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.FaultsTest" tests="2">
                  <testcase name="killNineLeavesNoGoodbye" classname="demo.FaultsTest" time="0.5"/>
                  <testcase name="packetLossDropsPackets" classname="demo.FaultsTest" time="1.0"/>
                </testsuite>
                """);

        // when
        Run report = ledger("report");

        // then
        assertThat(report.out())
                .as("a claim passes only when every one of its tests passed")
                .contains(
                        "  TK-2  PASSED   1.0 s  FaultsTest.packetLossDropsPackets",
                        "  TK-2  NOT RUN      —  MoreFaultsTest.packetLossDropsPacketsOnTheWayOutToo",
                        "ledger: 2 claims: 1 passed, 0 failed, 1 not run");
        assertThat(report.exit()).isEqualTo(1);
    }

    @Test
    @Claim("TK-13")
    void aTestThatPassedOnlyWhenSurefireRanItAgainFailsItsClaim() throws IOException {
        // given: TK-2's test failed, then passed on a rerun (rerunFailingTestsCount): Surefire writes a flakyFailure
        consistentRepo();
        write("support/target/surefire-reports/TEST-demo.FaultsTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.FaultsTest" tests="2" flakes="1">
                  <testcase name="killNineLeavesNoGoodbye" classname="demo.FaultsTest" time="0.5"/>
                  <testcase name="packetLossDropsPackets" classname="demo.FaultsTest" time="2.0">
                    <flakyFailure message="expected 3 packets lost" type="java.lang.AssertionError"/>
                  </testcase>
                </testsuite>
                """);

        // when
        Run report = ledger("report");

        // then
        assertThat(report.out())
                .as("a flaky test is a bug: passing on a rerun does not pass its claim")
                .containsExactly(
                        "  TK-1  PASSED   0.5 s  FaultsTest.killNineLeavesNoGoodbye",
                        "  TK-2  FAILED   2.0 s  FaultsTest.packetLossDropsPackets",
                        "ledger: 2 claims: 1 passed, 1 failed, 0 not run",
                        "ledger written to target/ledger.md");
        assertThat(report.exit()).as("a flaky claim makes the report exit 1").isEqualTo(1);
    }

    @Test
    @Claim("TK-13")
    void aTopicsReportReadsOnlyTheResultsOfTheTopicsModule() throws IOException {
        // given: ./lab test kafka ran demos/kafka, where KAF-1's test passed; KAF-2's test lives in support, whose
        // reports are from an earlier run
        consistentRepo();
        write("demos/kafka/pom.xml", "<project/>\n");
        write("docs/kafka.md", "# Kafka\n\n- **KAF-1** Offsets survive.\n- **KAF-2** Leaders move.\n");
        write("README.md", "| topic |\n|---|\n| [support](docs/toolkit.md) |\n| [kafka](docs/kafka.md) |\n");
        write("docs/README.md", "| page |\n|---|\n| [toolkit](toolkit.md) |\n| [kafka](kafka.md) |\n");
        write("demos/kafka/src/test/java/demo/OffsetsTest.java", """
                package demo;

                class OffsetsTest {
                    @Test
                    @Claim("KAF-1")
                    void offsetsSurvive() {
                    }
                }
                """);
        write("support/src/test/java/demo/LeadersTest.java", """
                package demo;

                class LeadersTest {
                    @Test
                    @Claim("KAF-2")
                    void leadersMove() {
                    }
                }
                """);
        write("demos/kafka/target/surefire-reports/TEST-demo.OffsetsTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.OffsetsTest" tests="1">
                  <testcase name="offsetsSurvive" classname="demo.OffsetsTest" time="3.0"/>
                </testsuite>
                """);
        write("support/target/surefire-reports/TEST-demo.LeadersTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="demo.LeadersTest" tests="1">
                  <testcase name="leadersMove" classname="demo.LeadersTest" time="4.0"/>
                </testsuite>
                """);

        // when
        Run report = ledger("report", "kafka");

        // then
        assertThat(report.out())
                .as("the report of a topic reads the results of the module this run tested, and"
                        + " no other module's earlier ones")
                .containsExactly(
                        "  KAF-1  PASSED   3.0 s  OffsetsTest.offsetsSurvive",
                        "  KAF-2  NOT RUN      —  LeadersTest.leadersMove",
                        "ledger: 2 claims: 1 passed, 0 failed, 1 not run",
                        "ledger written to target/ledger.md");
        assertThat(report.exit())
                .as("a claim this run did not test makes the report exit 1")
                .isEqualTo(1);
    }

    @Test
    @Claim("TK-20")
    void aTopicMissingFromEitherTopicTableIsReported() throws IOException {
        // given: a kafka topic; README.md's table lacks the toolkit, docs/README.md links kafka from prose only
        consistentRepo();
        write("demos/kafka/pom.xml", "<project/>\n");
        write("docs/kafka.md", "# Kafka\n");
        write("README.md", """
                | topic | the question |
                |---|---|
                | [kafka](docs/kafka.md) | What do partitions give you? |

                The [toolkit](docs/toolkit.md) is where every topic starts.
                """);
        write("docs/README.md", """
                | page | the question |
                |---|---|
                | [The toolkit](toolkit.md) | How does the lab break things? |

                The [Kafka page](kafka.md) is new.
                """);

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("every topic has a row in both topic tables; a link outside the table does not count")
                .containsExactly(
                        "README.md:1: topic support is not in this page's topic table: add a row that links"
                                + " docs/toolkit.md",
                        "docs/README.md:1: topic kafka is not in this page's topic table: add a row that links kafka.md",
                        "ledger: 2 problems");
        assertThat(check.exit())
                .as("a topic missing from a table fails the check")
                .isEqualTo(1);
    }

    @Test
    @Claim("TK-20")
    void aRepoWithTopicsAndNoTopicTablePageIsReported() throws IOException {
        // given: a kafka topic, and neither README.md nor docs/README.md
        consistentRepo();
        write("demos/kafka/pom.xml", "<project/>\n");
        write("docs/kafka.md", "# Kafka\n");

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("a page that holds a topic table cannot go missing unnoticed")
                .containsExactly(
                        "README.md:1: there is no README.md: it holds the topic table",
                        "docs/README.md:1: there is no docs/README.md: it holds the topic table",
                        "ledger: 2 problems");
    }

    @Test
    void aClaimDeclaredInTwoDocsIsReportedWithBothPlaces() throws IOException {
        // given: docs/other.md, read before docs/toolkit.md, declares TK-1 too
        consistentRepo();
        write("docs/other.md", "# Other\n\n- **TK-1** The same ID again.\n");

        // when
        Run check = ledger("check");

        // then
        assertThat(check.out())
                .as("claim IDs are unique across all docs")
                .contains(
                        "docs/toolkit.md:8: claim TK-1 is declared again (first at docs/other.md:3); IDs must be unique");
        assertThat(check.exit()).as("a claim declared twice makes check exit 1").isEqualTo(1);
    }

    @Test
    void claimsInCommentsAndStringsAreNotTests() throws IOException {
        // given: a test file that only mentions claims, in a comment, a string and a text block
        consistentRepo();
        write("support/src/test/java/demo/MentionsTest.java", """
                package demo;

                class MentionsTest {
                    // @Claim("TK-97")
                    String text = "@Claim(\\"TK-98\\")";
                    String block = \"""
                            @Claim("TK-99")
                            \""";

                    void notATest() {
                    }
                }
                """);

        // when
        Run check = ledger("check");

        // then
        assertThat(check.exit())
                .as("only an @Claim in code names a claim, as the ledger's own tests rely on")
                .isZero();
    }

    @Test
    void anUnknownTopicOrCommandIsAUsageError() throws IOException {
        // given
        consistentRepo();

        // when
        Run unknownTopic = ledger("report", "nope");
        Run unknownCommand = ledger("verify");
        Run noCommand = ledger();

        // then
        assertThat(unknownTopic.err())
                .as("an unknown topic is named, with the topics there are")
                .containsExactly("ledger: there is no topic 'nope'; the topics are: support");
        assertThat(List.of(unknownTopic.exit(), unknownCommand.exit(), noCommand.exit()))
                .as("usage errors exit 2")
                .containsOnly(2);
        assertThat(noCommand.err())
                .as("no command prints the usage")
                .first()
                .asString()
                .startsWith("usage:");
    }

    @Test
    void outsideARepoTheLedgerSaysSoInOneSentence() {
        // given: an empty folder, no docs

        // when
        Run check = ledger("check");

        // then
        assertThat(check.err())
                .as("a user error is one sentence, not a stack trace")
                .containsExactly("ledger: there is no docs folder in "
                        + root.toAbsolutePath().normalize() + ": run the ledger from the repo root");
        assertThat(check.exit()).isEqualTo(1);
    }

    private void consistentRepo() throws IOException {
        write("support/pom.xml", "<project/>\n");
        write("docs/toolkit.md", TOOLKIT_DOC);
        write(TEST_CLASS, FAULTS_TEST);
    }

    @Test
    @Claim("TK-18")
    void aSoakCountsPerTestAndJobHowOftenItFailedAndWhyItFirstFailed() throws IOException {
        // given: three runs; a test that failed in runs 2 and 3 with different messages, one that always passed,
        // and a demo job that failed in run 1
        for (int run = 1; run <= 3; run++) {
            String dir = "target/soak/run-00" + run + "/";
            write(dir + "demos/x/TEST-demo.FaultsTest.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <testsuite name="demo.FaultsTest">
                      <testcase name="killNineLeavesNoGoodbye" classname="demo.FaultsTest" time="0.25"/>
                      <testcase name="packetLossDropsPackets()" classname="demo.FaultsTest" time="1.5">%s</testcase>
                    </testsuite>
                    """.formatted(
                            run == 1
                                    ? ""
                                    : "<failure message=\"[loss] expected 300 lost in run %d&#10;but was 0\"/>"
                                            .formatted(run)));
            write(dir + "jobs/demo:x.status", run == 1 ? "1\n" : "0\n");
            write(dir + "jobs/tests:x.status", "0\n");
        }

        // when
        Run soak = ledger("soak", "target/soak");

        // then
        assertThat(soak.out())
                .as("per failing test and job: how many of the runs failed it, and the first reason, with its run")
                .containsExactly(
                        "soak: 3 run(s); 4 test(s) and job(s); 2 of them failed at least once",
                        String.format(
                                "  %-90s failed 2 of 3; first: [loss] expected 300 lost in run 2 (run-002)",
                                "demo.FaultsTest#packetLossDropsPackets"),
                        String.format(
                                "  %-90s failed 1 of 3; first: exit 1; log: run-001/jobs/demo:x.log (run-001)",
                                "job demo:x"));
        assertThat(soak.exit()).as("a soak with any failure exits 1").isEqualTo(1);
    }

    @Test
    @Claim("TK-18")
    void aCleanSoakExitsZeroAndNoRunsIsAnError() throws IOException {
        // given
        write("target/soak/run-001/jobs/tests:x.status", "0\n");

        // when
        Run clean = ledger("soak", "target/soak");
        Run none = ledger("soak", "target/nothing");

        // then
        assertThat(clean.out())
                .as("a soak where nothing failed says so in one line")
                .containsExactly("soak: 1 run(s); 1 test(s) and job(s); 0 of them failed at least once");
        assertThat(clean.exit()).as("and exits 0").isZero();
        assertThat(none.err())
                .as("a folder with no runs is an error, not a clean soak")
                .containsExactly("ledger: no runs under " + root.resolve("target/nothing")
                        + ": ./lab soak keeps each run's results there");
        assertThat(none.exit()).as("and exits 1").isEqualTo(1);
    }

    /** Writes a file of the miniature repo; in Java files, {snippet:NAME} and {end-snippet} become real markers. */
    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        String content = path.endsWith(".java") ? text.replaceAll("\\{(snippet:[^}]+|end-snippet)}", "// $1") : text;
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    }

    private record Run(int exit, List<String> out, List<String> err) {}

    private Run ledger(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Ledger(
                        root,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(
                exit,
                out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
