package org.defiancenetwork.media;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.media.api.FfmpegInstallation;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** A node without a working FFmpeg cannot take broadcasts, so it must not report ready. */
@Readiness
@ApplicationScoped
public class FfmpegReadiness implements HealthCheck {

    private final FfmpegInstallation ffmpeg;

    FfmpegReadiness(FfmpegInstallation ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    @Override
    public HealthCheckResponse call() {
        FfmpegInstallation.Probe probe = ffmpeg.probe();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("FFmpeg")
                .withData("executable", probe.executable());
        if (probe.available()) {
            return response.up().withData("version", probe.version()).build();
        }
        return response.down().withData("reason", probe.problem()).build();
    }
}
