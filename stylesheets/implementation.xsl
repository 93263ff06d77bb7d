<?xml version="1.0" encoding="UTF-8"?>
<!--
  implementation.xsl: the implementation plan (phase 3) as layout XML.

  No cover page: the title block, where the project stands (the phase diagram) and the plan at
  a glance, then the work packages (owner from the team, period, effort, dependencies), the
  schedule as a Gantt chart of work packages and milestones, the milestones, who is
  responsible for what, the contacts of every side, and the document history. A section whose
  data is absent is left out.

  Efforts are added by pd:sum (in hundredths of a person-day) and formatted by pd:number;
  nothing here computes a figure.

  Each part is a named template (implementation.document, implementation.styles,
  implementation.body, implementation.title, implementation.overview,
  implementation.workpackages, implementation.gantt, implementation.milestones,
  implementation.responsibilities, implementation.contacts); a partner stylesheet imports this
  one and overrides the parts it wants to change, together with the shared ones of
  common.xsl. The context node is p:project for the document, body, title and contacts;
  p:implementation for the plan's sections.
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
      <xsl:call-template name="implementation.document"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="implementation.document">
    <document>
      <xsl:call-template name="pd.metadata">
        <xsl:with-param name="title" select="pd:text('implementation.title')"/>
      </xsl:call-template>
      <xsl:call-template name="pd.styles"/>
      <xsl:call-template name="implementation.styles"/>
      <xsl:call-template name="pd.page-masters"/>
      <flow master="default">
        <xsl:call-template name="pd.flow-props"/>
        <xsl:call-template name="implementation.body"/>
      </flow>
    </document>
  </xsl:template>

  <!-- Styles of the plan, after the shared ones. -->
  <xsl:template name="implementation.styles">
    <style name="period" font-size="{$pd.size.small}" font-features="tnum"/>
    <style name="total-row" font-weight="bold"/>
  </xsl:template>

  <!-- The plan's parts, in order. -->
  <xsl:template name="implementation.body">
    <xsl:call-template name="implementation.title"/>
    <xsl:for-each select="p:implementation">
      <xsl:call-template name="implementation.overview"/>
      <xsl:call-template name="implementation.workpackages"/>
      <xsl:call-template name="implementation.gantt"/>
      <xsl:call-template name="implementation.milestones"/>
      <xsl:call-template name="implementation.responsibilities"/>
    </xsl:for-each>
    <xsl:call-template name="implementation.contacts"/>
    <xsl:call-template name="pd.history"/>
  </xsl:template>

  <!-- ===== title (context: p:project) ===== -->

  <!-- The title block (the plan's id, customer and date in the band), then the phase
       diagram. -->
  <xsl:template name="implementation.title">
    <xsl:call-template name="pd.title-block">
      <xsl:with-param name="title" select="pd:text('implementation.title')"/>
      <xsl:with-param name="subtitle" select="normalize-space(p:title)"/>
      <xsl:with-param name="meta">
        <xsl:value-of select="@id"/>
        <xsl:if test="p:customer/p:name">
          <xsl:text>&#8194;·&#8194;</xsl:text>
          <xsl:value-of select="normalize-space(p:customer/p:name)"/>
        </xsl:if>
        <xsl:variable name="date">
          <xsl:call-template name="pd.phase-date"><xsl:with-param name="phase" select="p:implementation"/></xsl:call-template>
        </xsl:variable>
        <xsl:if test="string($date) != ''">
          <xsl:text>&#8194;·&#8194;</xsl:text>
          <xsl:call-template name="pd.text-with">
            <xsl:with-param name="key" select="'cover.as-of'"/>
            <xsl:with-param name="name1" select="'date'"/>
            <xsl:with-param name="value1" select="pd:date(string($date))"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="pd.phase-strip">
      <xsl:with-param name="space-before" select="'6pt'"/>
      <xsl:with-param name="space-after" select="'16pt'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== efforts (added by pd:sum, never here) ===== -->

  <!-- An effort in person-days ('12', '2.5') as whole hundredths ('1200', '250') for pd:sum. -->
  <xsl:template name="implementation.hundredths">
    <xsl:param name="effort"/>
    <xsl:variable name="e" select="normalize-space($effort)"/>
    <xsl:variable name="whole">
      <xsl:choose>
        <xsl:when test="contains($e, '.')"><xsl:value-of select="substring-before($e, '.')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$e"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="digits" select="concat($whole, substring(concat(substring-after($e, '.'), '00'), 1, 2))"/>
    <!-- without leading zeros: '025' is '25' -->
    <xsl:call-template name="implementation.strip-leading-zeros">
      <xsl:with-param name="s" select="$digits"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="implementation.strip-leading-zeros">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="string-length($s) &gt; 1 and starts-with($s, '0')">
        <xsl:call-template name="implementation.strip-leading-zeros">
          <xsl:with-param name="s" select="substring($s, 2)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The total effort of packages in person-days, formatted ('51', '12.5'). -->
  <xsl:template name="implementation.effort-total">
    <xsl:param name="packages"/>
    <xsl:variable name="parts">
      <xsl:for-each select="$packages">
        <pd:c>
          <xsl:call-template name="implementation.hundredths"><xsl:with-param name="effort" select="@effort"/></xsl:call-template>
        </pd:c>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="t" select="concat('00', pd:sum(exsl:node-set($parts)/pd:c))"/>
    <xsl:variable name="frac" select="substring($t, string-length($t) - 1)"/>
    <xsl:variable name="whole">
      <xsl:call-template name="implementation.strip-leading-zeros">
        <xsl:with-param name="s" select="substring($t, 1, string-length($t) - 2)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$frac = '00'"><xsl:value-of select="pd:number(string($whole), 0)"/></xsl:when>
      <xsl:when test="substring($frac, 2) = '0'"><xsl:value-of select="pd:number(concat($whole, '.', substring($frac, 1, 1)), 1)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="pd:number(concat($whole, '.', $frac), 2)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- text cut at a word boundary to at most max characters, with an ellipsis. -->
  <xsl:template name="implementation.shorten">
    <xsl:param name="text"/>
    <xsl:param name="max" select="36"/>
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:choose>
      <xsl:when test="string-length($t) &lt;= $max"><xsl:value-of select="$t"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="cut">
          <xsl:call-template name="implementation.before-last-space">
            <xsl:with-param name="s" select="substring($t, 1, $max)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="concat($cut, '…')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="implementation.before-last-space">
    <xsl:param name="s"/>
    <xsl:param name="done" select="''"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="implementation.before-last-space">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="done" select="concat($done, substring-before($s, ' '), ' ')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$done = ''"><xsl:value-of select="$s"/></xsl:when>
      <!-- drop the trailing space and any comma or colon before it -->
      <xsl:otherwise>
        <xsl:variable name="d" select="substring($done, 1, string-length($done) - 1)"/>
        <xsl:choose>
          <xsl:when test="contains(',:;–-', substring($d, string-length($d)))">
            <xsl:value-of select="substring($d, 1, string-length($d) - 1)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== overview (context: p:implementation) ===== -->

  <xsl:template name="implementation.overview">
    <xsl:call-template name="pd.fact-grid">
      <xsl:with-param name="columns" select="3"/>
      <xsl:with-param name="groups">
        <pd:group>
          <pd:fact label="{pd:text('implementation.period')}">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key" select="'implementation.period-value'"/>
              <xsl:with-param name="nobreak" select="true()"/>
              <xsl:with-param name="name1" select="'start'"/>
              <xsl:with-param name="value1" select="pd:date(@start)"/>
              <xsl:with-param name="name2" select="'end'"/>
              <xsl:with-param name="value2" select="pd:date(@end)"/>
            </xsl:call-template>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('implementation.wp-count')}">
            <xsl:value-of select="pd:number(count(p:workpackage), 0)"/>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('implementation.effort-total')}">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key" select="'implementation.person-days'"/>
              <xsl:with-param name="name1" select="'n'"/>
              <xsl:with-param name="value1">
                <xsl:call-template name="implementation.effort-total">
                  <xsl:with-param name="packages" select="p:workpackage"/>
                </xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </pd:fact>
        </pd:group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== work packages (context: p:implementation) ===== -->

  <xsl:template name="implementation.workpackages">
    <xsl:if test="p:workpackage">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('implementation.wp.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'workpackages'"/>
      </xsl:call-template>
      <table keep-with-next="true">
        <xsl:call-template name="pd.table-props"/>
        <column>
          <xsl:attribute name="width">
            <xsl:call-template name="pd.heading-width">
              <xsl:with-param name="text">
                <xsl:for-each select="p:workpackage">
                  <xsl:sort select="string-length(@id)" data-type="number" order="descending"/>
                  <xsl:if test="position() = 1"><xsl:value-of select="@id"/></xsl:if>
                </xsl:for-each>
              </xsl:with-param>
              <xsl:with-param name="min" select="13"/>
            </xsl:call-template>
          </xsl:attribute>
        </column>
        <column width="1*"/>
        <column width="30mm"/>
        <column width="34mm"/>
        <column width="19mm" align="right"/>
        <column width="14mm"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('implementation.wp.id')"/></cell>
            <cell><xsl:value-of select="pd:text('implementation.wp.title')"/></cell>
            <cell><xsl:value-of select="pd:text('implementation.wp.owner')"/></cell>
            <cell>
              <xsl:value-of select="pd:text('implementation.wp.start')"/>
              <xsl:text> / </xsl:text>
              <xsl:value-of select="pd:text('implementation.wp.end')"/>
            </cell>
            <cell align="right"><xsl:value-of select="pd:text('implementation.wp.effort')"/></cell>
            <cell><xsl:value-of select="pd:text('implementation.wp.depends')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:workpackage">
          <row>
            <cell style="id"><span nobreak="true"><xsl:value-of select="@id"/></span></cell>
            <cell>
              <xsl:call-template name="pd.free-text"/>
              <xsl:value-of select="normalize-space(p:title)"/>
            </cell>
            <cell>
              <xsl:call-template name="pd.member-cell"><xsl:with-param name="id" select="@owner"/></xsl:call-template>
            </cell>
            <cell style="period">
              <p><span nobreak="true"><xsl:value-of select="translate(pd:date(@start), ' ', '&#160;')"/></span></p>
              <p><span nobreak="true"><xsl:value-of select="translate(pd:date(@end), ' ', '&#160;')"/></span></p>
            </cell>
            <cell style="amount">
              <xsl:call-template name="pd.decimal"><xsl:with-param name="value" select="@effort"/></xsl:call-template>
            </cell>
            <cell>
              <xsl:choose>
                <!-- one id a line: the column stays narrow -->
                <xsl:when test="normalize-space(@depends) != ''">
                  <xsl:call-template name="implementation.lines">
                    <xsl:with-param name="ids" select="concat(normalize-space(@depends), ' ')"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise><span color="{$pd.color.muted}"><xsl:value-of select="pd:text('common.none')"/></span></xsl:otherwise>
              </xsl:choose>
            </cell>
          </row>
        </xsl:for-each>
        <row background="{$pd.color.shading}">
          <cell colspan="4" align="right" style="total-row"><xsl:value-of select="pd:text('implementation.effort-total')"/></cell>
          <cell style="amount" font-weight="bold">
            <xsl:call-template name="implementation.effort-total">
              <xsl:with-param name="packages" select="p:workpackage"/>
            </xsl:call-template>
          </cell>
          <cell/>
        </row>
      </table>
      <p style="note"><xsl:value-of select="pd:text('implementation.wp.effort-note')"/></p>
    </xsl:if>
  </xsl:template>

  <!-- Space-separated ids (ending in a space) as inlines, one a line. -->
  <xsl:template name="implementation.lines">
    <xsl:param name="ids"/>
    <xsl:if test="contains($ids, ' ')">
      <xsl:value-of select="substring-before($ids, ' ')"/>
      <xsl:if test="normalize-space(substring-after($ids, ' ')) != ''">
        <br/>
        <xsl:call-template name="implementation.lines">
          <xsl:with-param name="ids" select="substring-after($ids, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ===== schedule (context: p:implementation) ===== -->

  <!-- The Gantt chart over the plan's period: a bar per work package with its dependencies,
       a diamond per milestone, and a line at the description's date when it falls inside. -->
  <xsl:template name="implementation.gantt">
    <xsl:if test="p:workpackage">
      <xsl:variable name="today" select="string(/p:project/@date)"/>
      <xsl:variable name="in-range"
                    select="$today != '' and translate($today, '-', '') &gt;= translate(@start, '-', '') and translate($today, '-', '') &lt;= translate(@end, '-', '')"/>
      <xsl:variable name="list">
        <xsl:for-each select="p:workpackage">
          <xsl:if test="position() &gt; 1"><xsl:value-of select="pd:text('figure.list-separator')"/></xsl:if>
          <xsl:call-template name="pd.text-with">
            <xsl:with-param name="key" select="'figure.gantt.task'"/>
            <xsl:with-param name="name1" select="'task'"/>
            <xsl:with-param name="value1" select="concat(@id, ' ', normalize-space(p:title))"/>
            <xsl:with-param name="name2" select="'start'"/>
            <xsl:with-param name="value2" select="pd:date(@start)"/>
            <xsl:with-param name="name3" select="'end'"/>
            <xsl:with-param name="value3" select="pd:date(@end)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="p:milestone">
          <xsl:value-of select="pd:text('figure.list-separator')"/>
          <xsl:call-template name="pd.text-with">
            <xsl:with-param name="key" select="'figure.gantt.milestone'"/>
            <xsl:with-param name="name1" select="'title'"/>
            <xsl:with-param name="value1" select="normalize-space(.)"/>
            <xsl:with-param name="name2" select="'date'"/>
            <xsl:with-param name="value2" select="pd:date(@date)"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('implementation.gantt.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'schedule'"/>
      </xsl:call-template>
      <gantt style="figure" start="{@start}" end="{@end}" accent="{$pd.color.primary}"
             muted="{$pd.color.muted}" month-names="{pd:text('implementation.gantt.months')}">
        <xsl:attribute name="alt">
          <xsl:call-template name="pd.text-with">
            <xsl:with-param name="key" select="'figure.gantt.alt'"/>
            <xsl:with-param name="name1" select="'start'"/>
            <xsl:with-param name="value1" select="pd:date(@start)"/>
            <xsl:with-param name="name2" select="'end'"/>
            <xsl:with-param name="value2" select="pd:date(@end)"/>
            <xsl:with-param name="name3" select="'list'"/>
            <xsl:with-param name="value3" select="string($list)"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:if test="$in-range">
          <xsl:attribute name="today"><xsl:value-of select="$today"/></xsl:attribute>
          <xsl:attribute name="today-label">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key" select="'cover.as-of'"/>
              <xsl:with-param name="name1" select="'date'"/>
              <xsl:with-param name="value1" select="pd:date($today)"/>
            </xsl:call-template>
          </xsl:attribute>
        </xsl:if>
        <xsl:for-each select="p:workpackage">
          <task id="{@id}" start="{@start}" end="{@end}">
            <xsl:attribute name="label">
              <!-- whole: the engine shortens a label only where the chart has no room for it -->
              <xsl:value-of select="concat(@id, ' ', normalize-space(p:title))"/>
            </xsl:attribute>
            <xsl:if test="normalize-space(@depends) != ''">
              <xsl:attribute name="depends"><xsl:value-of select="normalize-space(@depends)"/></xsl:attribute>
            </xsl:if>
          </task>
        </xsl:for-each>
        <xsl:for-each select="p:milestone">
          <milestone date="{@date}">
            <xsl:attribute name="label"><xsl:value-of select="normalize-space(.)"/></xsl:attribute>
          </milestone>
        </xsl:for-each>
      </gantt>
    </xsl:if>
  </xsl:template>

  <!-- ===== milestones (context: p:implementation) ===== -->

  <xsl:template name="implementation.milestones">
    <xsl:if test="p:milestone">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('implementation.milestones.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'milestones'"/>
      </xsl:call-template>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="13mm"/>
        <column width="1*"/>
        <column width="40mm"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('implementation.milestones.id')"/></cell>
            <cell><xsl:value-of select="pd:text('implementation.milestones.milestone')"/></cell>
            <cell><xsl:value-of select="pd:text('implementation.milestones.date')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:milestone">
          <row>
            <cell style="id"><span nobreak="true"><xsl:value-of select="@id"/></span></cell>
            <cell>
              <xsl:call-template name="pd.free-text"/>
              <xsl:value-of select="normalize-space(.)"/>
            </cell>
            <cell><span nobreak="true"><xsl:value-of select="translate(pd:date(@date), ' ', '&#160;')"/></span></cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- ===== responsibilities (context: p:implementation) ===== -->

  <!-- Every team member who owns a work package, in the team's order: who, which packages,
       how much effort. -->
  <xsl:template name="implementation.responsibilities">
    <xsl:variable name="plan" select="."/>
    <xsl:variable name="owners" select="/p:project/p:team/p:member[@id = $plan/p:workpackage/@owner]"/>
    <xsl:if test="$owners">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('implementation.responsibilities.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'responsibilities'"/>
      </xsl:call-template>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="52mm"/>
        <column width="1*"/>
        <column width="24mm" align="right"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('implementation.responsibilities.member')"/></cell>
            <cell><xsl:value-of select="pd:text('implementation.responsibilities.packages')"/></cell>
            <cell align="right"><xsl:value-of select="pd:text('implementation.responsibilities.effort')"/></cell>
          </row>
        </header>
        <xsl:for-each select="$owners">
          <xsl:variable name="id" select="@id"/>
          <xsl:variable name="mine" select="$plan/p:workpackage[@owner = $id]"/>
          <row>
            <cell>
              <p font-weight="600"><xsl:value-of select="@name"/></p>
              <p style="detail"><xsl:call-template name="pd.free-text"/><xsl:value-of select="@role"/></p>
            </cell>
            <cell>
              <xsl:for-each select="$mine">
                <p>
                  <xsl:call-template name="pd.free-text"/>
                  <span nobreak="true" font-weight="600" color="{$pd.color.muted}"><xsl:value-of select="@id"/></span>
                  <xsl:text>&#8194;</xsl:text>
                  <xsl:value-of select="normalize-space(p:title)"/>
                </p>
              </xsl:for-each>
            </cell>
            <cell style="amount">
              <xsl:call-template name="implementation.effort-total">
                <xsl:with-param name="packages" select="$mine"/>
              </xsl:call-template>
            </cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- The organisation of a side: the brand's company, the customer or the partner. -->
  <xsl:template name="implementation.organisation">
    <xsl:param name="side"/>
    <xsl:choose>
      <xsl:when test="$side = 'customer'"><xsl:value-of select="normalize-space(/p:project/p:customer/p:name)"/></xsl:when>
      <xsl:when test="$side = 'partner' and /p:project/p:partner"><xsl:value-of select="normalize-space(/p:project/p:partner/p:name)"/></xsl:when>
      <xsl:when test="$side = 'partner'"><xsl:value-of select="pd:text('party.partner')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="pd:brand('company.name')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== contacts (context: p:project) ===== -->

  <!-- Every team member, one card per side (provider, customer, partner) captioned with the
       organisation. -->
  <xsl:template name="implementation.contacts">
    <xsl:if test="p:team/p:member">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('implementation.contacts.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'contacts'"/>
      </xsl:call-template>
      <xsl:call-template name="pd.fact-grid">
        <xsl:with-param name="columns" select="3"/>
        <xsl:with-param name="groups">
          <xsl:for-each select="p:team">
            <xsl:call-template name="implementation.contact-card"><xsl:with-param name="side" select="'provider'"/></xsl:call-template>
            <xsl:call-template name="implementation.contact-card"><xsl:with-param name="side" select="'customer'"/></xsl:call-template>
            <xsl:call-template name="implementation.contact-card"><xsl:with-param name="side" select="'partner'"/></xsl:call-template>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- One side's card (context: p:team). -->
  <xsl:template name="implementation.contact-card">
    <xsl:param name="side"/>
    <pd:group>
      <pd:fact>
        <xsl:attribute name="label">
          <xsl:call-template name="implementation.organisation"><xsl:with-param name="side" select="$side"/></xsl:call-template>
        </xsl:attribute>
        <xsl:for-each select="p:member[@side = $side]">
          <xsl:call-template name="pd.person">
            <xsl:with-param name="id" select="@id"/>
            <xsl:with-param name="space-before" select="position() &gt; 1"/>
          </xsl:call-template>
        </xsl:for-each>
      </pd:fact>
    </pd:group>
  </xsl:template>

</xsl:stylesheet>
