package org.defiancenetwork.audigy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.AdminSection;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /admin: the audio collections, where they came from, the sources followed, and forms to add more. */
@ApplicationScoped
class AudioAdminSection implements AdminSection {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance content(List<CollectionView> collections, List<CatalogueSources.SourceView> sources,
                String cacheMode);
    }

    private final Catalogues catalogues;
    private final CatalogueSources sources;
    private final AudioConfig config;

    AudioAdminSection(Catalogues catalogues, CatalogueSources sources, AudioConfig config) {
        this.catalogues = catalogues;
        this.sources = sources;
        this.config = config;
    }

    @Override
    public String id() {
        return "audio";
    }

    @Override
    public String title() {
        return "Audio";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public TemplateInstance content() {
        return Templates.content(catalogues.collections(), sources.list(), config.cache().name().toLowerCase().replace('_', '-'));
    }
}
