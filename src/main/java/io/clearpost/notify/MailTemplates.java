package io.clearpost.notify;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a notification from {@code src/main/resources/mail/}: {@code <kind>.subject.txt} and {@code <kind>.txt}
 * in Thymeleaf's TEXT mode, {@code <kind>.html} in HTML mode (model values escaped), {@code <kind>} being the kind
 * in kebab case ({@code task-assigned}). A kind without templates of its own uses {@code notification.*}, which
 * shows the model's {@code subject}, {@code message} and {@code apiLink}. These engines are the mails' own:
 * Spring Boot's web view auto-configuration is off ({@code application.yaml}), the API stays JSON only.
 */
@Component
class MailTemplates {

    static final String FALLBACK = "notification";

    record Rendered(String subject, String text, String html) {
    }

    private final TemplateEngine text = engine(TemplateMode.TEXT);
    private final TemplateEngine html = engine(TemplateMode.HTML);

    Rendered render(NotificationKind kind, Map<String, Object> model) {
        String name = exists(kind.template() + ".txt") ? kind.template() : FALLBACK;
        Context context = new Context(Locale.ENGLISH, model);
        // one line, no control characters: a subject is a header
        String subject = text.process(name + ".subject.txt", context).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (subject.length() > 300) {
            subject = subject.substring(0, 299) + "…";
        }
        return new Rendered(subject, text.process(name + ".txt", context), html.process(name + ".html", context));
    }

    private static boolean exists(String template) {
        return MailTemplates.class.getClassLoader().getResource("mail/" + template) != null;
    }

    private static TemplateEngine engine(TemplateMode mode) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        // Spring's expression language (SpEL) in the templates, as everywhere else in a Spring application
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
