<?xml version="1.0" encoding="UTF-8"?>
<!--
  concept.xsl: the concept (the result of phase 2) as layout XML.

  A cover page, the revision history and the contents (built by the engine from the headings:
  dot leaders, page numbers, links), then the customer's goals, the current environment, the
  integrations, the concept's own sections (rich text: paragraphs, lists, emphasis, code,
  links; subsections one heading level down), branding and the configuration cascade, the
  hardware sizing, the risks with a risk matrix, and the open questions. A section whose data
  is absent is left out.

  Each part is a named template (concept.document, concept.styles, concept.cover,
  concept.front, concept.body, concept.goals, concept.environment, concept.integrations,
  concept.section, concept.branding, concept.risks, concept.risk-matrix, concept.questions);
  a partner stylesheet imports this one and overrides the parts it wants to change, together
  with the shared ones of common.xsl. The context node is p:project for the document, cover,
  front matter and body; p:concept for the risks and questions; p:section for a section.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:phasedoc:layout:1"
                xmlns:p="urn:phasedoc:project:1"
                xmlns:pd="urn:phasedoc:xslt:1"
                xmlns:exsl="http://exslt.org/common"
                exclude-result-prefixes="p pd exsl">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:for-each select="p:project">
      <xsl:call-template name="concept.document"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="concept.document">
    <document>
      <xsl:call-template name="pd.metadata">
        <xsl:with-param name="title" select="pd:text('concept.title')"/>
      </xsl:call-template>
      <xsl:call-template name="pd.styles"/>
      <xsl:call-template name="concept.styles"/>
      <xsl:call-template name="pd.page-masters"/>
      <flow master="cover" next-master="default">
        <xsl:call-template name="pd.flow-props"/>
        <xsl:call-template name="concept.cover"/>
        <xsl:call-template name="concept.front"/>
        <xsl:call-template name="concept.body"/>
      </flow>
    </document>
  </xsl:template>

  <!-- Styles of the concept, after the shared ones: the running text of the concept's own
       sections, set a little more generously than the tables around it. -->
  <xsl:template name="concept.styles">
    <style name="prose" space-after="7pt" line-height="1.45"/>
  </xsl:template>

  <!-- ===== cover (context: p:project) ===== -->

  <xsl:template name="concept.cover">
    <xsl:variable name="provider">
      <xsl:choose>
        <xsl:when test="p:initialisation/p:offer/@contact"><xsl:value-of select="p:initialisation/p:offer/@contact"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="p:team/p:member[@side = 'provider'][1]/@id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="pd.cover">
      <xsl:with-param name="kind" select="pd:text('concept.title')"/>
      <xsl:with-param name="date">
        <xsl:call-template name="pd.phase-date"><xsl:with-param name="phase" select="p:concept"/></xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="facts">
        <pd:group>
          <pd:fact label="{pd:text('common.project-id')}"><b><span nobreak="true"><xsl:value-of select="@id"/></span></b></pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('common.date')}">
            <xsl:call-template name="pd.date">
              <xsl:with-param name="date">
                <xsl:call-template name="pd.phase-date"><xsl:with-param name="phase" select="p:concept"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('history.version')}">
            <xsl:value-of select="p:history/p:revision[last()]/@version"/>
          </pd:fact>
        </pd:group>
        <pd:group>
          <xsl:call-template name="pd.customer-fact"/>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('common.contact.customer')}">
            <xsl:for-each select="p:customer/p:contact[1]">
              <xsl:call-template name="pd.person"><xsl:with-param name="id" select="@member"/></xsl:call-template>
            </xsl:for-each>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('cover.your-contact')}">
            <xsl:if test="string($provider) != ''">
              <xsl:call-template name="pd.person"><xsl:with-param name="id" select="string($provider)"/></xsl:call-template>
            </xsl:if>
          </pd:fact>
        </pd:group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== front matter: history and contents (context: p:project) ===== -->

  <xsl:template name="concept.front">
    <xsl:call-template name="pd.history">
      <xsl:with-param name="keep" select="false()"/>
    </xsl:call-template>
    <xsl:call-template name="pd.contents"/>
    <page-break/>
  </xsl:template>

  <!-- ===== body (context: p:project) ===== -->

  <xsl:template name="concept.body">
    <xsl:call-template name="concept.goals"/>
    <xsl:call-template name="concept.environment"/>
    <xsl:call-template name="concept.integrations"/>
    <xsl:for-each select="p:concept/p:section">
      <xsl:call-template name="concept.section"/>
    </xsl:for-each>
    <xsl:call-template name="concept.branding"/>
    <xsl:for-each select="p:initialisation/p:sizing">
      <xsl:call-template name="pd.sizing"/>
    </xsl:for-each>
    <xsl:for-each select="p:concept">
      <xsl:call-template name="concept.risks"/>
      <xsl:call-template name="concept.questions"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The customer's goals. -->
  <xsl:template name="concept.goals">
    <xsl:for-each select="p:customer/p:goals[p:goal]">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('concept.goals.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'goals'"/>
      </xsl:call-template>
      <list marker="decimal" style="list">
        <xsl:call-template name="pd.free-text"/>
        <xsl:for-each select="p:goal">
          <item space-before="3pt"><xsl:value-of select="normalize-space(.)"/></item>
        </xsl:for-each>
      </list>
    </xsl:for-each>
  </xsl:template>

  <!-- What the customer runs today: the technology transfer's answers. -->
  <xsl:template name="concept.environment">
    <xsl:for-each select="p:initialisation/p:technology-transfer">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('concept.environment.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'environment'"/>
      </xsl:call-template>
      <p style="intro" keep-with-next="true">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'concept.environment.intro'"/>
          <xsl:with-param name="name1" select="'customer'"/>
          <xsl:with-param name="value1" select="normalize-space(/p:project/p:customer/p:name)"/>
        </xsl:call-template>
      </p>
      <xsl:call-template name="pd.environment-facts"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The integrations with the customer's systems and the APIs, scaling, devices and stack;
       whitelabeling has a section of its own. -->
  <xsl:template name="concept.integrations">
    <xsl:for-each select="p:initialisation/p:architecture[p:integration or p:api or p:scaling or p:device or p:stack]">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('concept.integrations.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'integrations'"/>
      </xsl:call-template>
      <xsl:call-template name="pd.architecture">
        <xsl:with-param name="with-whitelabel" select="false()"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- One of the concept's own sections (context: p:section): its title as a heading one
       level below its parent section's, its rich text, then its subsections. -->
  <xsl:template name="concept.section">
    <xsl:variable name="level" select="count(ancestor-or-self::p:section)"/>
    <xsl:call-template name="pd.heading">
      <xsl:with-param name="text" select="normalize-space(p:title)"/>
      <xsl:with-param name="level">
        <xsl:choose>
          <xsl:when test="$level &gt; 6">6</xsl:when>
          <xsl:otherwise><xsl:value-of select="$level"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="id">
        <xsl:if test="@id"><xsl:value-of select="concat('section-', @id)"/></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="p:p | p:ul | p:ol" mode="pd.rich">
      <xsl:with-param name="style" select="'prose'"/>
    </xsl:apply-templates>
    <xsl:for-each select="p:section">
      <xsl:call-template name="concept.section"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Branding: what is whitelabeled and how, then the layers of the configuration cascade. -->
  <xsl:template name="concept.branding">
    <xsl:for-each select="p:initialisation/p:architecture/p:whitelabel">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('concept.branding.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'branding'"/>
      </xsl:call-template>
      <p style="body">
        <xsl:call-template name="pd.free-text"/>
        <xsl:value-of select="normalize-space(.)"/>
      </p>
      <!-- the layers of the configuration cascade, from the broadest -->
      <xsl:variable name="layers">
        <pd:layer>server</pd:layer>
        <pd:layer>context</pd:layer>
        <pd:layer>user</pd:layer>
      </xsl:variable>
      <p style="body" keep-with-next="true"><xsl:value-of select="pd:text('concept.branding.cascade')"/></p>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="36mm"/>
        <column width="1*"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('concept.branding.layer')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.branding.scope')"/></cell>
          </row>
        </header>
        <xsl:for-each select="exsl:node-set($layers)/pd:layer">
          <row>
            <cell font-weight="600">
              <xsl:value-of select="concat(position(), '. ', pd:text(concat('concept.branding.', .)))"/>
            </cell>
            <cell><xsl:value-of select="pd:text(concat('concept.branding.', ., '-scope'))"/></cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== risks (context: p:concept) ===== -->

  <!-- The risk matrix for an overview, then one row per risk: id, title with its mitigation
       below, probability, impact, owner. -->
  <xsl:template name="concept.risks">
    <xsl:if test="p:risk">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('concept.risks.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'risks'"/>
      </xsl:call-template>
      <xsl:call-template name="concept.risk-matrix"/>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="13mm"/>
        <column width="1*"/>
        <!-- as wide as their headings, which are never hyphenated ("Wahrscheinlichkeit") -->
        <column>
          <xsl:attribute name="width">
            <xsl:call-template name="pd.heading-width">
              <xsl:with-param name="text" select="pd:text('concept.risks.probability')"/>
              <xsl:with-param name="min" select="25"/>
            </xsl:call-template>
          </xsl:attribute>
        </column>
        <column>
          <xsl:attribute name="width">
            <xsl:call-template name="pd.heading-width">
              <xsl:with-param name="text" select="pd:text('concept.risks.impact')"/>
              <xsl:with-param name="min" select="22"/>
            </xsl:call-template>
          </xsl:attribute>
        </column>
        <column width="34mm"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('concept.risks.id')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.risks.risk')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.risks.probability')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.risks.impact')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.risks.owner')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:risk">
          <row>
            <cell style="id"><span nobreak="true"><xsl:value-of select="@id"/></span></cell>
            <cell>
              <xsl:call-template name="pd.free-text"/>
              <p font-weight="600"><xsl:value-of select="normalize-space(p:title)"/></p>
              <xsl:for-each select="p:mitigation">
                <p style="detail" space-before="2pt"><xsl:value-of select="normalize-space(.)"/></p>
              </xsl:for-each>
            </cell>
            <cell style="level-{@probability}"><xsl:value-of select="pd:text(concat('level.', @probability))"/></cell>
            <cell style="level-{@impact}"><xsl:value-of select="pd:text(concat('level.', @impact))"/></cell>
            <cell>
              <xsl:call-template name="pd.member-cell"><xsl:with-param name="id" select="@owner"/></xsl:call-template>
            </cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="concept.risk-matrix">
    <xsl:variable name="list">
      <xsl:for-each select="p:risk">
        <xsl:if test="position() &gt; 1"><xsl:value-of select="pd:text('figure.list-separator')"/></xsl:if>
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'figure.risks.item'"/>
          <xsl:with-param name="name1" select="'id'"/>
          <xsl:with-param name="value1" select="@id"/>
          <xsl:with-param name="name2" select="'probability'"/>
          <xsl:with-param name="value2">
            <xsl:call-template name="concept.level-word"><xsl:with-param name="level" select="@probability"/></xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="name3" select="'impact'"/>
          <xsl:with-param name="value3">
            <xsl:call-template name="concept.level-word"><xsl:with-param name="level" select="@impact"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <riskmatrix style="figure" keep-with-next="true" accent="{$pd.color.primary}" muted="{$pd.color.muted}"
                probability-label="{pd:text('concept.risks.probability')}"
                impact-label="{pd:text('concept.risks.impact')}"
                level-labels="{pd:text('figure.risks.levels')}">
      <xsl:attribute name="alt">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'figure.risks.alt'"/>
          <xsl:with-param name="name1" select="'list'"/>
          <xsl:with-param name="value1" select="string($list)"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:for-each select="p:risk">
        <risk id="{@id}" probability="{@probability}" impact="{@impact}"/>
      </xsl:for-each>
    </riskmatrix>
  </xsl:template>

  <!-- A level (low, medium, high) as the word the risk matrix uses for it, for running text. -->
  <xsl:template name="concept.level-word">
    <xsl:param name="level"/>
    <xsl:variable name="words" select="concat(normalize-space(pd:text('figure.risks.levels')), ' ')"/>
    <xsl:choose>
      <xsl:when test="$level = 'low'"><xsl:value-of select="substring-before($words, ' ')"/></xsl:when>
      <xsl:when test="$level = 'medium'"><xsl:value-of select="substring-before(substring-after($words, ' '), ' ')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="substring-before(substring-after(substring-after($words, ' '), ' '), ' ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== open questions (context: p:concept) ===== -->

  <xsl:template name="concept.questions">
    <xsl:if test="p:question">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('concept.questions.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'questions'"/>
      </xsl:call-template>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="13mm"/>
        <column width="1*"/>
        <column width="42mm"/>
        <column width="37mm"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('concept.questions.id')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.questions.question')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.questions.owner')"/></cell>
            <cell><xsl:value-of select="pd:text('concept.questions.due')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:question">
          <row>
            <cell style="id"><span nobreak="true"><xsl:value-of select="@id"/></span></cell>
            <cell>
              <xsl:call-template name="pd.free-text"/>
              <xsl:value-of select="normalize-space(.)"/>
            </cell>
            <cell>
              <xsl:call-template name="pd.member-cell"><xsl:with-param name="id" select="@owner"/></xsl:call-template>
            </cell>
            <cell>
              <xsl:call-template name="pd.date">
                <xsl:with-param name="date" select="@due"/>
                <xsl:with-param name="fallback" select="pd:text('common.none')"/>
              </xsl:call-template>
            </cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
