package interviewlab.support.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every topic is listed where a reader looks for it: a row of the topic table in README.md and in docs/README.md,
 * linking the topic's doc. Only a repo with no topic but the toolkit may go without those pages (the miniature repos
 * of the ledger's own tests).
 */
final class TopicTables {
    private static final List<String> INDEXES = List.of("README.md", "docs/README.md");
    private static final Pattern TABLE_LINK = Pattern.compile("\\]\\(([^)#\\s]+)");

    private TopicTables() {}

    static List<Problem> check(Repo repo) {
        List<Problem> problems = new ArrayList<>();
        for (String index : INDEXES) {
            Path page = repo.root().resolve(index);
            if (!Files.isRegularFile(page)) {
                if (repo.topics().size() > 1) {
                    problems.add(new Problem(index, 1, "there is no " + index + ": it holds the topic table"));
                }
                continue;
            }
            Set<Path> listed = linkedFromTableRows(repo, page);
            for (String topic : repo.topics()) {
                Path doc = repo.docOf(topic);
                if (!listed.contains(doc)) {
                    problems.add(new Problem(
                            index,
                            1,
                            "topic " + topic + " is not in this page's topic table: add a row that links "
                                    + page.getParent()
                                            .relativize(doc)
                                            .toString()
                                            .replace('\\', '/')));
                }
            }
        }
        return problems;
    }

    /**
     * The files that the page's table rows (lines starting with |, outside code fences) link to, resolved from the
     * page's folder.
     */
    private static Set<Path> linkedFromTableRows(Repo repo, Path page) {
        MarkdownFile file = new MarkdownFile(page, repo.read(page));
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < file.lines().size(); i++) {
            if (file.fenced(i) || !file.lines().get(i).stripLeading().startsWith("|")) {
                continue;
            }
            Matcher link = TABLE_LINK.matcher(file.lines().get(i));
            while (link.find()) {
                targets.add(page.getParent().resolve(link.group(1)).normalize());
            }
        }
        return Set.copyOf(targets);
    }
}
