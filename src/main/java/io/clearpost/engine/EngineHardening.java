package io.clearpost.engine;

import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import java.io.ObjectInputFilter;
import java.util.ArrayList;

/**
 * Engine settings that application.yaml cannot express:
 * <ul>
 * <li>no model may carry a script (script tasks, script listeners, script conditions or inputs),
 * so nothing deployed runs code outside the reviewed Java delegates;</li>
 * <li>Java-serialized variables (the lists and maps the models use) are type-checked on
 * deserialization: the engine's own type validation covers Spin formats only, so a JVM-wide
 * {@link ObjectInputFilter} admits exactly the JDK value and collection types the engine's
 * default allow list names, and rejects everything else.</li>
 * </ul>
 */
@Component
public class EngineHardening extends AbstractProcessEnginePlugin {

    static final String SERIAL_ALLOW_LIST = "maxdepth=20;maxrefs=100000;maxbytes=1048576;"
            + "java.lang.String;java.lang.Boolean;java.lang.Character;java.lang.Number;java.lang.Byte;java.lang.Short;"
            + "java.lang.Integer;java.lang.Long;java.lang.Float;java.lang.Double;java.lang.Enum;java.lang.Object;"
            + "java.util.ArrayList;java.util.Arrays$ArrayList;java.util.LinkedList;java.util.HashMap;java.util.Map$Entry;"
            + "java.util.LinkedHashMap;java.util.TreeMap;java.util.HashSet;java.util.LinkedHashSet;java.util.TreeSet;"
            + "java.util.Collections$Unmodifiable*;java.util.CollSer;java.util.ImmutableCollections$*;!*";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(SERIAL_ALLOW_LIST));
        }
        configuration.setEnableScriptEngineLoadExternalResources(false);
        configuration.setConfigureScriptEngineHostAccess(false);
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                rejectScripts(process, definition.getKey());
            }
        });
    }

    private static void rejectScripts(Element element, String processKey) {
        String tag = element.getTagName();
        if ("scriptTask".equals(tag) || "script".equals(tag)
                || "conditionExpression".equals(tag) && element.attribute("language") != null) {
            throw new IllegalArgumentException("Process " + processKey + " contains a script (" + tag
                    + "); Clearpost runs no scripts from models");
        }
        for (Element child : element.elements()) {
            rejectScripts(child, processKey);
        }
    }
}
