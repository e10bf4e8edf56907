package dev.atelier.domain.designs;

import dev.atelier.domain.shared.Texts;

/** What a design says about itself: a title and an optional description. */
public record DesignContent(String title, String description) {

    public static final int TITLE_MAX_LENGTH = 200;
    public static final int DESCRIPTION_MAX_LENGTH = 5000;

    public DesignContent {
        title = Texts.required("title", title, TITLE_MAX_LENGTH);
        description = Texts.optional("description", description, DESCRIPTION_MAX_LENGTH);
    }
}
