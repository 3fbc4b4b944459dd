package interviewlab.dockerlayers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An image as {@code docker save} writes it: manifest.json names its layer tars, bottom first, and each layer
 * tar holds the files that layer added or changed, and a whiteout file ({@code .wh.<name>}) for each it deleted.
 * Both the classic format and the OCI layout (Docker 25 and later) carry manifest.json.
 */
public final class SavedImage {
    private static final Pattern LAYER_PATHS = Pattern.compile("\"Layers\"\\s*:\\s*\\[([^\\]]*)\\]");

    /** Each layer, bottom first: its files, path to content. Contents are kept only for small files. */
    private final List<Map<String, byte[]>> layers;

    private SavedImage(List<Map<String, byte[]>> layers) {
        this.layers = layers;
    }

    /** Reads a file written by {@code docker image save -o}. */
    static SavedImage read(Path savedTar) throws IOException {
        try (TarFile saved = new TarFile(savedTar.toFile())) {
            Map<String, TarArchiveEntry> entries = new HashMap<>();
            saved.getEntries().forEach(entry -> entries.put(entry.getName(), entry));
            String manifest;
            try (InputStream in = saved.getInputStream(entries.get("manifest.json"))) {
                manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher paths = LAYER_PATHS.matcher(manifest);
            if (!paths.find()) {
                throw new IOException("docker save wrote a manifest.json without layers: " + manifest);
            }
            List<Map<String, byte[]>> layers = new ArrayList<>();
            for (String quoted : paths.group(1).split(",")) {
                try (InputStream layer = uncompressed(
                        saved.getInputStream(entries.get(quoted.strip().replace("\"", ""))))) {
                    layers.add(files(layer));
                }
            }
            return new SavedImage(layers);
        }
    }

    /** Layers are plain tars in Docker's own store; the containerd image store (Docker Desktop) saves them gzipped. */
    private static InputStream uncompressed(InputStream layer) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(layer);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        return gzip ? new GzipCompressorInputStream(buffered) : buffered;
    }

    private static Map<String, byte[]> files(InputStream layerTar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(layerTar)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                files.put(
                        entry.getName(),
                        entry.isFile() && entry.getSize() < 64 * 1024 ? tar.readAllBytes() : new byte[0]);
            }
        }
        return files;
    }

    /** The paths in one layer, 0 being the bottom one. */
    public List<String> paths(int layer) {
        return List.copyOf(layers.get(layer).keySet());
    }

    /** The layers (0 at the bottom) that hold a file with this text in it: what anyone with the image can read. */
    public List<Integer> layersContaining(String text) {
        // ISO-8859-1 maps each byte to one char, so a byte sequence is found as a substring
        String needle = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).values().stream()
                    .anyMatch(content -> new String(content, StandardCharsets.ISO_8859_1).contains(needle))) {
                found.add(i);
            }
        }
        return found;
    }

    /** The file's content in the given layer. */
    public String content(int layer, String path) {
        byte[] content = layers.get(layer).get(path);
        if (content == null) {
            throw new IllegalArgumentException("no " + path + " in layer " + layer + ": " + paths(layer));
        }
        return new String(content, StandardCharsets.UTF_8);
    }
}
