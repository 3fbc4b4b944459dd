package interviewlab.support.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** What the last test run left in the modules' target/surefire-reports: each test method's status and time. */
final class TestResults {
    /**
     * A test method's outcome; a method run several times (parameterized, repeated) sums its time, and passed only
     * if every run passed: one failed case fails it, one skipped case leaves it skipped, as a claim proved for some
     * cases is not proved.
     */
    record Result(Status status, double seconds) {
        static final Result NOT_RUN = new Result(Status.NOT_RUN, 0);

        Result and(Result other) {
            Status worst = status == Status.FAILED || other.status == Status.FAILED
                    ? Status.FAILED
                    : status == Status.SKIPPED || other.status == Status.SKIPPED ? Status.SKIPPED : Status.PASSED;
            return new Result(worst, seconds + other.seconds);
        }
    }

    /**
     * What a testcase holds when a run of it failed. With rerunFailingTestsCount, Surefire writes a test that failed
     * and then passed on a rerun as flakyFailure or flakyError, with no failure element, and one that failed every
     * run as failure or error plus rerunFailure or rerunError
     * (https://maven.apache.org/surefire/maven-surefire-plugin/examples/rerun-failing-tests.html). A flaky test is
     * counted as failed: it failed once, and a claim that holds only on some runs is a bug, not a proof.
     */
    private static final List<String> FAILED_RUNS =
            List.of("failure", "error", "flakyFailure", "flakyError", "rerunFailure", "rerunError");

    private final Repo repo;

    TestResults(Path root) {
        this.repo = new Repo(root);
    }

    /** Every test method's result in these modules, by {@link #key}. */
    Map<String, Result> read(List<Path> modules) {
        Map<String, Result> results = new HashMap<>();
        DocumentBuilder parser = parser();
        for (Path module : modules) {
            for (Path report : repo.filesUnder(module.resolve("target/surefire-reports"))) {
                String name = report.getFileName().toString();
                if (name.startsWith("TEST-") && name.endsWith(".xml")) {
                    read(parser, report, results);
                }
            }
        }
        return results;
    }

    /** A nested class's tests count for the file's class, which is where their @Claim sits. */
    static String key(String className, String method) {
        int nested = className.indexOf('$');
        return (nested < 0 ? className : className.substring(0, nested)) + "#" + method;
    }

    private void read(DocumentBuilder parser, Path report, Map<String, Result> results) {
        testcases(
                parser,
                report,
                (key, testcase) -> results.merge(
                        key, new Result(status(testcase), seconds(testcase.getAttribute("time"))), Result::and));
    }

    /** Each testcase of a Surefire report, with its {@link #key}. */
    void testcases(DocumentBuilder parser, Path report, BiConsumer<String, Element> each) {
        NodeList testcases;
        try {
            testcases = parser.parse(report.toFile()).getElementsByTagName("testcase");
        } catch (SAXException | IOException e) {
            throw new LedgerException("cannot read " + repo.relative(report) + " (" + e.getMessage()
                    + "): run the tests again to rewrite it");
        }
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            String method = testcase.getAttribute("name").replaceFirst("[(\\[].*$", "");
            each.accept(key(testcase.getAttribute("classname"), method), testcase);
        }
    }

    private static Status status(Element testcase) {
        if (failureOf(testcase) != null) {
            return Status.FAILED;
        }
        return has(testcase, "skipped") ? Status.SKIPPED : Status.PASSED;
    }

    /** The first line of a failed run's message (or its exception's type), or null if no run of the testcase failed. */
    static String failureOf(Element testcase) {
        for (String child : FAILED_RUNS) {
            NodeList failures = testcase.getElementsByTagName(child);
            if (failures.getLength() > 0) {
                Element failure = (Element) failures.item(0);
                String message = failure.getAttribute("message").strip();
                String line = message.isEmpty()
                        ? failure.getAttribute("type")
                        : message.lines().findFirst().orElse("");
                return line.isEmpty() ? child : line;
            }
        }
        return null;
    }

    private static boolean has(Element testcase, String child) {
        return testcase.getElementsByTagName(child).getLength() > 0;
    }

    private static double seconds(String time) {
        try {
            return Double.parseDouble(time.replace(",", "")); // older surefire wrote 1,234.5
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A parser that reads no DTDs and prints nothing: a broken file becomes one clear sentence instead. */
    static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder parser = factory.newDocumentBuilder();
            parser.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return parser;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }
}
