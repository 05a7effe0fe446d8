package io.deepedge.models.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged catalog: device types and models, read once from {@code catalog/devices.tsv} and
 * {@code catalog/models.tsv} next to this class.
 */
public final class Catalog {
    private static final Catalog DEFAULT = load();

    private final Map<String, DeviceType> types;
    private final Map<String, CatalogModel> models;

    private Catalog(Map<String, DeviceType> types, Map<String, CatalogModel> models) {
        this.types = Collections.unmodifiableMap(types);
        this.models = Collections.unmodifiableMap(models);
    }

    public static Catalog get() {
        return DEFAULT;
    }

    /** Device types in file order. */
    public List<DeviceType> types() {
        return List.copyOf(types.values());
    }

    public Optional<DeviceType> type(String id) {
        return Optional.ofNullable(types.get(id));
    }

    public List<CatalogModel> models() {
        return List.copyOf(models.values());
    }

    public Optional<CatalogModel> model(String id) {
        return Optional.ofNullable(models.get(id));
    }

    private static Catalog load() {
        List<String[]> deviceRows = rows("catalog/devices.tsv", 7);
        List<Figure> shared = new ArrayList<>();
        Map<String, List<Figure>> byType = new LinkedHashMap<>();
        for (String[] r : deviceRows) {
            Figure f = new Figure(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
            if (f.type().equals("*")) {
                shared.add(f);
            } else {
                byType.computeIfAbsent(f.type(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, DeviceType> types = new LinkedHashMap<>();
        byType.forEach((id, figures) -> {
            List<Figure> all = new ArrayList<>(figures);
            all.addAll(shared);
            String name = figures.stream().filter(f -> f.quantity().equals("name")).map(Figure::value)
                    .findFirst().orElse(id);
            types.put(id, new DeviceType(id, name, all));
        });
        Map<String, CatalogModel> models = new LinkedHashMap<>();
        for (String[] r : rows("catalog/models.tsv", 8)) {
            models.put(r[0], new CatalogModel(r[0], Long.parseLong(r[1]), Long.parseLong(r[2]), Long.parseLong(r[3]),
                    Double.parseDouble(r[4]), Double.parseDouble(r[5]), r[6], r[7]));
        }
        return new Catalog(types, models);
    }

    /** Data rows of a packaged TSV: comments and the header skipped; a malformed row is a build defect. */
    private static List<String[]> rows(String resource, int columns) {
        InputStream in = Catalog.class.getResourceAsStream("/io/deepedge/models/" + resource);
        if (in == null) {
            throw new IllegalStateException("catalog resource missing: " + resource);
        }
        List<String[]> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected " + columns
                            + " tab-separated columns, found " + cells.length);
                }
                out.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
