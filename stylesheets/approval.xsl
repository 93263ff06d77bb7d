<?xml version="1.0" encoding="UTF-8"?>
<!--
  approval.xsl: the approval sign-off sheet (phase 4) as layout XML.

  One <document>, no cover page: the title, where the project stands (the phase diagram of
  common.xsl), the project and customer facts, the deliverables,
  the acceptance criteria (a summary line, then one table with one header row), the open
  issues, the customer's decision in a box with check boxes, one signature field per sign-off
  party, and the document history. A section whose data is absent is left out.

  Each part is a named template (approval.document, approval.metadata, approval.styles,
  approval.body, approval.title, approval.facts, approval.contacts, approval.deliverables,
  approval.criteria, approval.summary, approval.criteria-row, approval.issues,
  approval.decision, approval.signoffs, approval.signoff); a partner stylesheet imports this
  one and overrides the parts it wants to change, together with the shared ones of
  common.xsl (pd.header, pd.footer, pd.styles, pd.signature-block, ...). The context node is
  p:project for the document, metadata, body, title and facts; p:approval for the sections;
  p:criterion and p:signoff for criteria-row and signoff.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:phasedoc:layout:1"
                xmlns:p="urn:phasedoc:project:1"
                xmlns:pd="urn:phasedoc:xslt:1"
                exclude-result-prefixes="p pd">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:for-each select="p:project">
      <xsl:call-template name="approval.document"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="approval.document">
    <document>
      <xsl:call-template name="approval.metadata"/>
      <xsl:call-template name="pd.styles"/>
      <xsl:call-template name="approval.styles"/>
      <xsl:call-template name="pd.page-masters"/>
      <flow master="default">
        <xsl:call-template name="pd.flow-props"/>
        <xsl:call-template name="approval.body"/>
      </flow>
    </document>
  </xsl:template>

  <!-- The PDF's information dictionary. -->
  <xsl:template name="approval.metadata">
    <xsl:attribute name="lang"><xsl:value-of select="pd:lang()"/></xsl:attribute>
    <xsl:attribute name="title">
      <xsl:value-of select="concat(pd:text('approval.title'), ' — ', normalize-space(p:title))"/>
    </xsl:attribute>
    <xsl:attribute name="author"><xsl:value-of select="pd:brand('company.name')"/></xsl:attribute>
    <xsl:attribute name="subject"><xsl:value-of select="normalize-space(p:customer/p:name)"/></xsl:attribute>
    <xsl:attribute name="keywords"><xsl:value-of select="concat(@id, ', ', pd:text('approval.title'))"/></xsl:attribute>
    <xsl:if test="@date">
      <xsl:attribute name="date"><xsl:value-of select="@date"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Styles of the sheet, after the shared ones. -->
  <xsl:template name="approval.styles">
    <style name="status-passed" font-weight="bold" color="{pd:ink(pd:brand('color.passed'), $pd.color.shading)}"/>
    <style name="status-failed" font-weight="bold" color="{pd:ink(pd:brand('color.failed'), $pd.color.shading)}"/>
    <style name="status-waived" font-weight="bold" color="{pd:ink(pd:brand('color.waived'), $pd.color.shading)}"/>
    <style name="status-open" font-weight="bold" color="{pd:ink(pd:brand('color.open'), $pd.color.shading)}"/>
    <style name="criterion-id" font-weight="600" color="{$pd.color.muted}"/>
    <style name="summary" font-weight="600" space-after="8pt"/>
    <style name="decision-label" font-family="{$pd.font.heading}" font-size="{$pd.size.tiny}"
           font-weight="bold" color="{$pd.color.muted}" text-transform="uppercase"
           letter-spacing="0.8pt" space-before="10pt" space-after="2pt"/>
    <style name="decision-text" font-size="{$pd.size.h3}" line-height="1.3"/>
    <style name="intro" color="{$pd.color.muted}" space-after="10pt"/>
  </xsl:template>

  <!-- The sheet's parts, in order. -->
  <xsl:template name="approval.body">
    <xsl:call-template name="approval.title"/>
    <xsl:call-template name="pd.phase-strip">
      <xsl:with-param name="space-before" select="'6pt'"/>
      <xsl:with-param name="space-after" select="'6pt'"/>
    </xsl:call-template>
    <xsl:call-template name="approval.facts"/>
    <xsl:for-each select="p:approval">
      <xsl:call-template name="approval.deliverables"/>
      <xsl:call-template name="approval.criteria"/>
      <xsl:call-template name="approval.issues"/>
      <xsl:call-template name="approval.decision"/>
      <xsl:call-template name="approval.signoffs"/>
    </xsl:for-each>
    <xsl:call-template name="pd.history"/>
  </xsl:template>

  <!-- ===== title ===== -->

  <xsl:template name="approval.title">
    <xsl:call-template name="pd.title-block">
      <xsl:with-param name="title" select="pd:text('approval.title')"/>
      <xsl:with-param name="subtitle" select="normalize-space(p:title)"/>
      <xsl:with-param name="meta">
        <xsl:value-of select="@id"/>
        <xsl:if test="p:customer/p:name">
          <xsl:text>&#8194;·&#8194;</xsl:text>
          <xsl:value-of select="normalize-space(p:customer/p:name)"/>
        </xsl:if>
        <xsl:if test="p:approval/@date or @date">
          <xsl:text>&#8194;·&#8194;</xsl:text>
          <xsl:call-template name="pd.date">
            <xsl:with-param name="date" select="(p:approval/@date | @date)[last()]"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== project and customer facts ===== -->

  <xsl:template name="approval.facts">
    <xsl:variable name="phase-date">
      <xsl:choose>
        <xsl:when test="p:approval/@date"><xsl:value-of select="p:approval/@date"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="pd.heading">
      <xsl:with-param name="text" select="pd:text('approval.facts.heading')"/>
      <xsl:with-param name="id" select="'facts'"/>
    </xsl:call-template>
    <xsl:call-template name="pd.fact-grid">
      <xsl:with-param name="columns" select="3"/>
      <xsl:with-param name="groups">
        <pd:group>
          <pd:fact label="{pd:text('common.customer')}">
            <xsl:for-each select="p:customer">
              <p>
                <b><xsl:value-of select="normalize-space(p:name)"/></b>
                <xsl:for-each select="p:address">
                  <br/>
                  <xsl:call-template name="pd.address"/>
                </xsl:for-each>
              </p>
            </xsl:for-each>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('common.project')}">
            <xsl:value-of select="normalize-space(p:title)"/>
          </pd:fact>
          <pd:fact label="{pd:text('common.project-id')}">
            <xsl:value-of select="@id"/>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('approval.phase-date')}">
            <xsl:call-template name="pd.date">
              <xsl:with-param name="date" select="string($phase-date)"/>
            </xsl:call-template>
          </pd:fact>
          <pd:fact label="{pd:text('common.partner')}">
            <xsl:value-of select="normalize-space(p:partner/p:name)"/>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('common.contact.customer')}">
            <xsl:call-template name="approval.contacts">
              <xsl:with-param name="side" select="'customer'"/>
              <xsl:with-param name="contacts" select="p:customer/p:contact"/>
            </xsl:call-template>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('common.contact.provider')}">
            <xsl:call-template name="approval.contacts">
              <xsl:with-param name="side" select="'provider'"/>
            </xsl:call-template>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('common.contact.partner')}">
            <xsl:call-template name="approval.contacts">
              <xsl:with-param name="side" select="'partner'"/>
              <xsl:with-param name="contacts" select="p:partner/p:contact"/>
            </xsl:call-template>
          </pd:fact>
        </pd:group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The contacts of one side: the organisation's <contact>s if it names any, else every
       team member on that side. -->
  <xsl:template name="approval.contacts">
    <xsl:param name="side"/>
    <xsl:param name="contacts" select="/.."/>
    <xsl:choose>
      <xsl:when test="$contacts">
        <xsl:for-each select="$contacts">
          <xsl:call-template name="pd.person">
            <xsl:with-param name="id" select="@member"/>
            <xsl:with-param name="space-before" select="position() &gt; 1"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="p:team/p:member[@side = $side]">
          <xsl:call-template name="pd.person">
            <xsl:with-param name="id" select="@id"/>
            <xsl:with-param name="space-before" select="position() &gt; 1"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== deliverables (context: p:approval) ===== -->

  <xsl:template name="approval.deliverables">
    <xsl:if test="p:deliverable">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('approval.deliverables.heading')"/>
        <xsl:with-param name="id" select="'deliverables'"/>
      </xsl:call-template>
      <list marker="bullet" style="list">
        <xsl:for-each select="p:deliverable">
          <item><xsl:value-of select="normalize-space(.)"/></item>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>

  <!-- ===== acceptance criteria (context: p:approval) ===== -->

  <!-- The summary first, kept with the table, then one table with one header row: the engine
       repeats it on every page the table runs onto. -->
  <xsl:template name="approval.criteria">
    <xsl:if test="p:criterion">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('approval.criteria.heading')"/>
        <xsl:with-param name="id" select="'criteria'"/>
      </xsl:call-template>
      <xsl:call-template name="approval.summary"/>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="22mm"/>
        <column width="1*"/>
        <column width="36mm"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('approval.criteria.id')"/></cell>
            <cell><xsl:value-of select="pd:text('approval.criteria.criterion')"/></cell>
            <cell><xsl:value-of select="pd:text('approval.criteria.status')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:criterion">
          <xsl:call-template name="approval.criteria-row"/>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- One criterion (context: p:criterion): id, text with its notes below, result. -->
  <xsl:template name="approval.criteria-row">
    <row>
      <cell style="criterion-id"><span nobreak="true"><xsl:value-of select="@id"/></span></cell>
      <cell>
        <p><xsl:value-of select="normalize-space(p:text)"/></p>
        <xsl:for-each select="p:note">
          <p style="note"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </cell>
      <cell style="status-{@status}">
        <xsl:value-of select="pd:text(concat('status.', @status))"/>
      </cell>
    </row>
  </xsl:template>

  <!-- "3 of 6 criteria passed, 1 failed, 1 waived, 1 open" (context: p:approval). -->
  <xsl:template name="approval.summary">
    <xsl:variable name="total" select="count(p:criterion)"/>
    <xsl:variable name="sep" select="pd:text('common.list-separator')"/>
    <p style="summary" keep-with-next="true">
      <xsl:call-template name="pd.text-with">
        <xsl:with-param name="key">
          <xsl:choose>
            <xsl:when test="$total = 1">approval.summary.passed-one</xsl:when>
            <xsl:otherwise>approval.summary.passed</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="name1" select="'passed'"/>
        <xsl:with-param name="value1" select="count(p:criterion[@status = 'passed'])"/>
        <xsl:with-param name="name2" select="'total'"/>
        <xsl:with-param name="value2" select="$total"/>
      </xsl:call-template>
      <xsl:for-each select="p:criterion[@status = 'failed'][1]
                            | p:criterion[@status = 'waived'][1]
                            | p:criterion[@status = 'open'][1]">
        <xsl:sort select="string-length(substring-before('failed waived open', @status))" data-type="number"/>
        <xsl:variable name="status" select="@status"/>
        <xsl:value-of select="$sep"/>
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="concat('approval.summary.', $status)"/>
          <xsl:with-param name="name1" select="'n'"/>
          <xsl:with-param name="value1" select="count(../p:criterion[@status = $status])"/>
        </xsl:call-template>
      </xsl:for-each>
    </p>
  </xsl:template>

  <!-- ===== open issues (context: p:approval) ===== -->

  <xsl:template name="approval.issues">
    <xsl:if test="p:issue">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('approval.issues.heading')"/>
        <xsl:with-param name="id" select="'issues'"/>
      </xsl:call-template>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="1*"/>
        <column width="48mm"/>
        <column width="34mm"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('approval.issues.issue')"/></cell>
            <cell><xsl:value-of select="pd:text('approval.issues.owner')"/></cell>
            <cell><xsl:value-of select="pd:text('approval.issues.due')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:issue">
          <row>
            <cell><xsl:value-of select="normalize-space(.)"/></cell>
            <cell>
              <p>
                <xsl:call-template name="pd.member-name">
                  <xsl:with-param name="id" select="@owner"/>
                </xsl:call-template>
              </p>
              <xsl:variable name="role">
                <xsl:call-template name="pd.member-role">
                  <xsl:with-param name="id" select="@owner"/>
                </xsl:call-template>
              </xsl:variable>
              <xsl:if test="string($role) != ''">
                <p style="detail"><xsl:value-of select="$role"/></p>
              </xsl:if>
            </cell>
            <cell>
              <xsl:call-template name="pd.date">
                <xsl:with-param name="date" select="@due"/>
                <xsl:with-param name="fallback" select="'–'"/>
              </xsl:call-template>
            </cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- ===== decision (context: p:approval) ===== -->

  <!-- The decision in a framed box: one check box per possible outcome, the one taken ticked
       (none while pending, so that it can be ticked by hand), then the conditions, reason or
       remarks, then who decided and when. -->
  <xsl:template name="approval.decision">
    <xsl:for-each select="p:decision">
      <xsl:variable name="value" select="@value"/>
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('approval.decision.heading')"/>
        <xsl:with-param name="id" select="'decision'"/>
      </xsl:call-template>
      <box style="box">
        <table border="0" border-inner="0" cell-padding="0">
          <column width="1*"/>
          <column width="1.5*"/>
          <column width="1*"/>
          <row>
            <cell>
              <xsl:call-template name="pd.checkbox">
                <xsl:with-param name="checked" select="$value = 'accepted'"/>
                <xsl:with-param name="field" select="'decision'"/>
                <xsl:with-param name="value" select="'accepted'"/>
                <xsl:with-param name="tooltip" select="pd:text('approval.decision.heading')"/>
                <xsl:with-param name="label" select="pd:text('decision.accepted')"/>
              </xsl:call-template>
            </cell>
            <cell>
              <xsl:call-template name="pd.checkbox">
                <xsl:with-param name="checked" select="$value = 'accepted-with-conditions'"/>
                <xsl:with-param name="field" select="'decision'"/>
                <xsl:with-param name="value" select="'accepted-with-conditions'"/>
                <xsl:with-param name="tooltip" select="pd:text('approval.decision.heading')"/>
                <xsl:with-param name="label" select="pd:text('decision.accepted-with-conditions')"/>
              </xsl:call-template>
            </cell>
            <cell>
              <xsl:call-template name="pd.checkbox">
                <xsl:with-param name="checked" select="$value = 'rejected'"/>
                <xsl:with-param name="field" select="'decision'"/>
                <xsl:with-param name="value" select="'rejected'"/>
                <xsl:with-param name="tooltip" select="pd:text('approval.decision.heading')"/>
                <xsl:with-param name="label" select="pd:text('decision.rejected')"/>
              </xsl:call-template>
            </cell>
          </row>
        </table>
        <xsl:if test="$value = 'pending'">
          <p style="decision-label"><xsl:value-of select="pd:text('decision.pending')"/></p>
          <p style="decision-text"><xsl:value-of select="pd:text('approval.decision.pending')"/></p>
        </xsl:if>
        <xsl:if test="normalize-space(.) != ''">
          <p style="decision-label">
            <xsl:choose>
              <xsl:when test="$value = 'accepted-with-conditions'"><xsl:value-of select="pd:text('approval.decision.conditions')"/></xsl:when>
              <xsl:when test="$value = 'rejected'"><xsl:value-of select="pd:text('approval.decision.reason')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="pd:text('approval.decision.remark')"/></xsl:otherwise>
            </xsl:choose>
          </p>
          <p style="decision-text"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:if>
        <!-- the decision in words too: the ticked box is a picture and a form field, which
             neither the text layer nor a screen reader reads as the decision -->
        <xsl:if test="$value != 'pending'">
          <p style="note" space-before="8pt">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key" select="'decision.taken'"/>
              <xsl:with-param name="name1" select="'decision'"/>
              <xsl:with-param name="value1" select="pd:text(concat('decision.', $value))"/>
            </xsl:call-template>
            <xsl:if test="@member or @date">
              <xsl:variable name="name">
                <xsl:if test="@member">
                  <xsl:call-template name="pd.member-name"><xsl:with-param name="id" select="@member"/></xsl:call-template>
                </xsl:if>
              </xsl:variable>
              <xsl:text> </xsl:text>
              <xsl:call-template name="pd.text-with">
                <xsl:with-param name="key">
                  <xsl:choose>
                    <xsl:when test="@member and @date">approval.decision.by</xsl:when>
                    <xsl:when test="@member">approval.decision.by-name</xsl:when>
                    <xsl:otherwise>approval.decision.on</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
                <xsl:with-param name="name1" select="'name'"/>
                <xsl:with-param name="value1" select="string($name)"/>
                <xsl:with-param name="name2" select="'date'"/>
                <xsl:with-param name="value2">
                  <xsl:call-template name="pd.date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
              <xsl:text>.</xsl:text>
            </xsl:if>
          </p>
        </xsl:if>
      </box>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== signatures (context: p:approval) ===== -->

  <!-- Two signature fields side by side, as many rows as needed. The parties' labels are a
       row of their own, so that both signature lines stand at one height however many lines
       a label takes (a long legal name). -->
  <xsl:template name="approval.signoffs">
    <xsl:if test="p:signoff">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('approval.signoff.heading')"/>
        <xsl:with-param name="id" select="'signatures'"/>
      </xsl:call-template>
      <!-- heading, sentence and signature lines on one page -->
      <p style="intro" keep-with-next="true"><xsl:value-of select="pd:text('approval.signoff.intro')"/></p>
      <table border="0" border-inner="0" cell-padding="0" keep-together="true" space-after="6pt">
        <column width="1*"/>
        <column width="12mm"/>
        <column width="1*"/>
        <xsl:for-each select="p:signoff[position() mod 2 = 1]">
          <xsl:variable name="gap" select="position() &gt; 1"/>
          <row keep-with-next="true">
            <cell>
              <xsl:if test="$gap"><spacer height="20pt"/></xsl:if>
              <p font-weight="bold"><xsl:call-template name="approval.signoff-label"/></p>
            </cell>
            <cell/>
            <cell>
              <xsl:for-each select="following-sibling::p:signoff[1]">
                <xsl:if test="$gap"><spacer height="20pt"/></xsl:if>
                <p font-weight="bold"><xsl:call-template name="approval.signoff-label"/></p>
              </xsl:for-each>
            </cell>
          </row>
          <row>
            <cell>
              <xsl:call-template name="approval.signoff">
                <xsl:with-param name="label" select="''"/>
              </xsl:call-template>
            </cell>
            <cell/>
            <cell>
              <xsl:for-each select="following-sibling::p:signoff[1]">
                <xsl:call-template name="approval.signoff">
                  <xsl:with-param name="label" select="''"/>
                </xsl:call-template>
              </xsl:for-each>
            </cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- The party and its organisation (context: p:signoff): "Customer · Nordlicht Telecom". -->
  <xsl:template name="approval.signoff-label">
    <xsl:variable name="org">
      <xsl:choose>
        <xsl:when test="@party = 'customer'"><xsl:value-of select="normalize-space(/p:project/p:customer/p:name)"/></xsl:when>
        <xsl:when test="@party = 'partner'"><xsl:value-of select="normalize-space(/p:project/p:partner/p:name)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="pd:brand('company.name')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="pd:text(concat('party.', @party))"/>
    <xsl:if test="string($org) != ''">
      <xsl:text> · </xsl:text>
      <xsl:value-of select="$org"/>
    </xsl:if>
  </xsl:template>

  <!-- One signature field (context: p:signoff): the party, its organisation (label: the
       approval.signoff-label, or '' when the table shows the labels in a row above), who
       signs. -->
  <xsl:template name="approval.signoff">
    <xsl:param name="label">
      <xsl:call-template name="approval.signoff-label"/>
    </xsl:param>
    <!-- the form's signature field: the party, numbered from its second signer on -->
    <xsl:variable name="nth" select="count(preceding-sibling::p:signoff[@party = current()/@party])"/>
    <xsl:call-template name="pd.signature-block">
      <xsl:with-param name="field" select="concat(@party, substring(concat('-', $nth + 1), 1, 9 * ($nth &gt; 0)))"/>
      <xsl:with-param name="label" select="string($label)"/>
      <!-- the field's tooltip names the party even where the label stands in a row above -->
      <xsl:with-param name="tooltip"><xsl:call-template name="approval.signoff-label"/></xsl:with-param>
      <xsl:with-param name="name">
        <xsl:choose>
          <xsl:when test="@member">
            <xsl:call-template name="pd.member-name"><xsl:with-param name="id" select="@member"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="role">
        <xsl:choose>
          <xsl:when test="@member">
            <xsl:call-template name="pd.member-role"><xsl:with-param name="id" select="@member"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="@role"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="place" select="string(@place)"/>
      <xsl:with-param name="date" select="string(@date)"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
