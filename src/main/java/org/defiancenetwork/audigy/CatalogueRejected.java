package org.defiancenetwork.audigy;

import java.util.List;

import org.defiancenetwork.audigy.augy.Finding;

/**
 * A catalogue the node will not take, with every reason: answered as problem details with
 * {@code errors} and {@code warnings} lists (API) or as a page listing them (admin upload).
 */
public class CatalogueRejected extends RuntimeException {

    private final int status;
    private final List<Finding> errors;
    private final List<Finding> warnings;

    public CatalogueRejected(int status, String detail, List<Finding> errors, List<Finding> warnings) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public CatalogueRejected(int status, String detail) {
        this(status, detail, List.of(), List.of());
    }

    public int status() {
        return status;
    }

    public List<Finding> errors() {
        return errors;
    }

    public List<Finding> warnings() {
        return warnings;
    }
}
