package org.defiancenetwork.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;

/** Renders the contributions to a {@link PageSlot} ({inject:slots.render('slot', subject).raw}). */
@ApplicationScoped
@Named("slots")
public class PageSlots {

    private final Instance<PageSlot> contributed;

    PageSlots(Instance<PageSlot> contributed) {
        this.contributed = contributed;
    }

    public String render(String slot, Object subject) {
        return contributions(slot).stream()
                .map(s -> s.html(subject))
                .filter(html -> html != null && !html.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    public String render(String slot) {
        return render(slot, null);
    }

    List<PageSlot> contributions(String slot) {
        return contributed.stream()
                .filter(s -> s.slot().equals(slot))
                .sorted(Comparator.comparingInt(PageSlot::order))
                .toList();
    }
}
