package interviewlab.support.ledger;

import interviewlab.support.observed.DemoRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where things live in the repo: the docs, the modules (support and every demos/*), the topics, and their files.
 * Every path the ledger prints is relative to the root, with forward slashes, so it reads the same on any machine.
 */
final class Repo {
    static final String SUPPORT = "support";
    private final Path root;

    Repo(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The docs that may declare claims: docs/*.md. */
    List<Path> docs() {
        return list(docsFolder()).stream()
                .filter(p -> isMarkdown(p) && Files.isRegularFile(p))
                .toList();
    }

    /** The Markdown files whose links and snippets are checked: README.md, every .md under docs, each demo's README.md. */
    List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        Path readme = root.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            files.add(readme);
        }
        files.addAll(filesUnder(docsFolder()).stream().filter(Repo::isMarkdown).toList());
        for (Path demo : list(root.resolve("demos"))) {
            Path demoReadme = demo.resolve("README.md");
            if (Files.isRegularFile(demoReadme)) {
                files.add(demoReadme);
            }
        }
        return files;
    }

    /** support and every folder under demos/, whether or not it is a topic yet. */
    List<Path> modules() {
        List<Path> modules = new ArrayList<>(List.of(root.resolve(SUPPORT)));
        modules.addAll(
                list(root.resolve("demos")).stream().filter(Files::isDirectory).toList());
        return modules;
    }

    /** support, then every demos/<topic> that has a pom.xml (as ./lab list shows them). */
    List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(SUPPORT));
        list(root.resolve("demos")).stream()
                .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                .map(dir -> dir.getFileName().toString())
                .forEach(topics::add);
        return topics;
    }

    Path moduleOf(String topic) {
        return topic.equals(SUPPORT)
                ? root.resolve(SUPPORT)
                : root.resolve("demos").resolve(topic);
    }

    /** The support module's doc is the toolkit's; every demo's doc carries the demo's name. */
    Path docOf(String topic) {
        return DemoRun.topicDoc(root, topic);
    }

    Optional<String> topicOf(Path doc) {
        return topics().stream().filter(topic -> docOf(topic).equals(doc)).findFirst();
    }

    String relative(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** Without a docs folder the ledger has nothing to check: most likely it was started outside the repo. */
    private Path docsFolder() {
        Path docs = root.resolve("docs");
        if (!Files.isDirectory(docs)) {
            throw new LedgerException("there is no docs folder in " + root + ": run the ledger from the repo root");
        }
        return docs;
    }

    /** Reads text leniently (bad bytes become U+FFFD) because snippets are looked for in every source file. */
    String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LedgerException("cannot read " + relative(file) + ": " + e.getMessage());
        }
    }

    void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LedgerException("cannot write " + relative(file) + ": " + e.getMessage());
        }
    }

    /** Every regular file under dir, sorted so output is stable; none if dir does not exist. */
    List<Path> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new LedgerException("cannot list " + relative(dir) + ": " + e.getMessage());
        }
    }

    private List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new LedgerException("cannot list " + relative(dir) + ": " + e.getMessage());
        }
    }

    private static boolean isMarkdown(Path path) {
        return path.getFileName().toString().endsWith(".md");
    }
}
