package org.defiancenetwork.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Name and version of this node for every page's shell ({inject:node.nodeName}). */
@ApplicationScoped
@Named("node")
public class NodeInfo {

    private final NodeConfig config;
    private final String version;

    NodeInfo(NodeConfig config, @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.config = config;
        this.version = version;
    }

    public String nodeName() {
        return config.nodeName();
    }

    public String version() {
        return version;
    }
}
