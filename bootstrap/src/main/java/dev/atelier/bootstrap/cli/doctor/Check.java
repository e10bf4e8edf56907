package dev.atelier.bootstrap.cli.doctor;

import java.util.List;

/** One thing the doctor looks at: a dependency, or what the service expects of one. */
interface Check {

    /** What is checked, e.g. {@code kafka 127.0.0.1:19092}; known before the check runs. */
    String subject();

    /** Looks; throws with the reason when the dependency cannot be reached. */
    Outcome run() throws Exception;

    /** What a check found: a one-line detail, and optional notes printed under it. */
    record Outcome(boolean passed, String detail, List<String> notes) {

        static Outcome passed(String detail, List<String> notes) {
            return new Outcome(true, detail, notes);
        }

        static Outcome passed(String detail) {
            return passed(detail, List.of());
        }

        static Outcome failed(String reason, List<String> notes) {
            return new Outcome(false, reason, notes);
        }
    }

    /** A check that cannot even start (its client could not be built): it fails with that reason. */
    static Check failing(String subject, RuntimeException reason) {
        return new Check() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Outcome run() {
                throw reason;
            }
        };
    }
}
