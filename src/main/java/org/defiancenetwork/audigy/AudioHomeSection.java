package org.defiancenetwork.audigy;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.web.PageSlot;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The home page's audio section: the most recently updated collections. */
@ApplicationScoped
class AudioHomeSection implements PageSlot {

    static final int SHOWN = 6;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance section(List<CollectionView> collections);
    }

    private final Catalogues catalogues;

    AudioHomeSection(Catalogues catalogues) {
        this.catalogues = catalogues;
    }

    @Override
    public String slot() {
        return HOME_SECTIONS;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String html(Object subject) {
        List<CollectionView> recent = catalogues.collections().stream()
                .sorted(Comparator.comparing(CollectionView::updatedAt).reversed()).limit(SHOWN).toList();
        return recent.isEmpty() ? "" : Templates.section(recent).render();
    }
}
