package io.clearpost.engine;

import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * Each brand is an engine tenant. Process definitions are shared; every process instance, and so
 * every task, carries the tenant id of the brand it works for (the {@code brand} start variable,
 * inherited by called processes), so engine queries can be scoped to the caller's brands.
 */
@Component
public class BrandTenancy extends AbstractProcessEnginePlugin implements TenantIdProvider {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
        if (ctx.getSuperExecution() != null) {
            return ctx.getSuperExecution().getTenantId();
        }
        Object brand = ctx.getVariables().get("brand");
        return brand == null ? null : brand.toString();
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
        return ctx.getExecution() != null ? ctx.getExecution().getTenantId() : null;
    }
}
