package dev.atelier.adapters.http;

import dev.atelier.application.shared.Page;
import java.util.List;
import java.util.function.Function;

/** A page of a listing as the API returns it: {@code {items, page, size, total}}. */
public record PageDocument<T>(List<T> items, int page, int size, long total) {

    public static <D, T> PageDocument<T> of(Page<D> page, Function<D, T> toDocument) {
        return new PageDocument<>(page.items().stream().map(toDocument).toList(), page.page(), page.size(),
                page.total());
    }
}
