package org.defiancenetwork.audigy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.defiancenetwork.audigy.augy.Finding;
import org.defiancenetwork.platform.web.Problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Problem details (RFC 9457) of a rejected catalogue, with every error and warning as extension members. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CatalogueProblem(String type, String title, int status, String detail, String instance,
        List<Finding> errors, List<Finding> warnings) {

    public static final String MEDIA_TYPE = Problem.MEDIA_TYPE;
}
