<?xml version="1.0" encoding="UTF-8"?>
<!--
  offer.xsl: the offer (the result of the initialisation phase, the basis of the customer's
  Go / No-Go decision) as layout XML.

  A cover page (the offer's facts, the customer, the consultant, where the project stands),
  then the customer's goals, the demo, the architecture overview, the hardware sizing, the
  proof of concept with its issues by department, the technology transfer, the prices with a
  subtotal per billing period, the first-year total, VAT and the gross total, the terms, the
  Go / No-Go decision with a signature field, and the document history. A section whose data
  is absent is left out.

  Every amount comes from the extension functions (pd:line-total, pd:sum, pd:multiply,
  pd:add, pd:vat) in integer cents and is formatted by pd:money or pd:amount; sizing figures
  come from pd:sessions and pd:nodes. Nothing here computes a figure.

  Each part is a named template (offer.document, offer.styles, offer.cover, offer.body,
  offer.goals, offer.demo, offer.architecture, offer.poc, offer.poc-issues,
  offer.technology-transfer, offer.prices, offer.price-group, offer.item-row, offer.totals,
  offer.decision); a partner stylesheet imports this one and overrides the parts it wants to
  change, together with the shared ones of common.xsl. The context node is p:project for the
  document, cover and body, p:initialisation for the phase's sections, p:offer for the prices.
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
      <xsl:call-template name="offer.document"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="offer.document">
    <document>
      <xsl:call-template name="pd.metadata">
        <xsl:with-param name="title" select="pd:text('offer.title')"/>
        <xsl:with-param name="keywords" select="string(p:initialisation/p:offer/@number)"/>
      </xsl:call-template>
      <xsl:call-template name="pd.styles"/>
      <xsl:call-template name="offer.styles"/>
      <xsl:call-template name="pd.page-masters"/>
      <flow master="cover" next-master="default">
        <xsl:call-template name="pd.flow-props"/>
        <xsl:call-template name="offer.cover"/>
        <xsl:call-template name="offer.body"/>
      </flow>
    </document>
  </xsl:template>

  <!-- Styles of the offer, after the shared ones. -->
  <xsl:template name="offer.styles">
    <style name="issue-open" font-weight="600" color="{pd:ink(pd:brand('color.waived'), $pd.color.shading)}"/>
    <style name="issue-closed" font-weight="600" color="{pd:ink(pd:brand('color.passed'), $pd.color.shading)}"/>
    <style name="total" font-weight="bold"/>
    <style name="grand-total" font-family="{$pd.font.heading}" font-size="{$pd.size.h3}"
           font-weight="bold" color="{$pd.color.primary}"/>
    <style name="decision-label" font-family="{$pd.font.heading}" font-size="{$pd.size.tiny}"
           font-weight="bold" color="{$pd.color.muted}" text-transform="uppercase"
           letter-spacing="0.8pt" space-before="10pt" space-after="2pt"/>
  </xsl:template>

  <!-- ===== cover (context: p:project) ===== -->

  <xsl:template name="offer.cover">
    <xsl:variable name="offer" select="p:initialisation/p:offer"/>
    <xsl:call-template name="pd.cover">
      <xsl:with-param name="kind" select="pd:text('offer.title')"/>
      <xsl:with-param name="date">
        <xsl:call-template name="pd.phase-date">
          <xsl:with-param name="phase" select="p:initialisation"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="facts">
        <pd:group>
          <pd:fact label="{pd:text('offer.number')}">
            <xsl:if test="$offer"><b><span nobreak="true"><xsl:value-of select="$offer/@number"/></span></b></xsl:if>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('offer.date')}">
            <xsl:if test="$offer"><span nobreak="true"><xsl:value-of select="translate(pd:date($offer/@date), ' ', '&#160;')"/></span></xsl:if>
          </pd:fact>
        </pd:group>
        <pd:group>
          <pd:fact label="{pd:text('offer.valid-until')}">
            <xsl:if test="$offer"><span nobreak="true"><xsl:value-of select="translate(pd:date($offer/@valid-until), ' ', '&#160;')"/></span></xsl:if>
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
            <xsl:for-each select="$offer[@contact]">
              <xsl:call-template name="pd.person"><xsl:with-param name="id" select="@contact"/></xsl:call-template>
            </xsl:for-each>
          </pd:fact>
        </pd:group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== body (context: p:project) ===== -->

  <xsl:template name="offer.body">
    <xsl:call-template name="offer.goals"/>
    <xsl:for-each select="p:initialisation">
      <xsl:call-template name="offer.demo"/>
      <xsl:call-template name="offer.architecture"/>
      <xsl:for-each select="p:sizing">
        <xsl:call-template name="pd.sizing"/>
      </xsl:for-each>
      <xsl:call-template name="offer.poc"/>
      <xsl:call-template name="offer.technology-transfer"/>
      <xsl:for-each select="p:offer">
        <xsl:call-template name="offer.prices"/>
      </xsl:for-each>
      <xsl:call-template name="offer.decision"/>
    </xsl:for-each>
    <xsl:call-template name="pd.history"/>
  </xsl:template>

  <!-- ===== the customer's goals (context: p:project) ===== -->

  <xsl:template name="offer.goals">
    <xsl:for-each select="p:customer/p:goals[p:goal]">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.goals.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'goals'"/>
      </xsl:call-template>
      <p style="lead" keep-with-next="true">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'offer.goals.intro'"/>
          <xsl:with-param name="name1" select="'customer'"/>
          <xsl:with-param name="value1" select="normalize-space(../p:name)"/>
        </xsl:call-template>
      </p>
      <list marker="decimal" style="list">
        <xsl:call-template name="pd.free-text"/>
        <xsl:for-each select="p:goal">
          <item space-before="3pt"><xsl:value-of select="normalize-space(.)"/></item>
        </xsl:for-each>
      </list>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== demo (context: p:initialisation) ===== -->

  <xsl:template name="offer.demo">
    <xsl:for-each select="p:demo">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.demo.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'demo'"/>
      </xsl:call-template>
      <xsl:call-template name="pd.facts">
        <xsl:with-param name="facts">
          <pd:fact label="{pd:text('offer.demo.kind')}"><xsl:value-of select="pd:text(concat('demo-kind.', @kind))"/></pd:fact>
          <pd:fact label="{pd:text('offer.demo.date')}"><span nobreak="true"><xsl:value-of select="translate(pd:date(@date), ' ', '&#160;')"/></span></pd:fact>
          <pd:fact label="{pd:text('offer.demo.place')}"><xsl:value-of select="normalize-space(@place)"/></pd:fact>
          <pd:fact label="{pd:text('offer.demo.system')}">
            <xsl:if test="@system">
              <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(@system)"/></p>
            </xsl:if>
          </pd:fact>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="p:feature">
        <xsl:call-template name="pd.heading">
          <xsl:with-param name="text" select="pd:text('offer.demo.features')"/>
          <xsl:with-param name="level" select="2"/>
        </xsl:call-template>
        <list marker="bullet" style="list">
          <xsl:call-template name="pd.free-text"/>
          <xsl:for-each select="p:feature">
            <item><xsl:value-of select="normalize-space(.)"/></item>
          </xsl:for-each>
        </list>
      </xsl:if>
      <xsl:if test="p:selling-point">
        <xsl:call-template name="pd.heading">
          <xsl:with-param name="text" select="pd:text('offer.demo.selling-points')"/>
          <xsl:with-param name="level" select="2"/>
        </xsl:call-template>
        <list marker="bullet" style="list">
          <xsl:call-template name="pd.free-text"/>
          <xsl:for-each select="p:selling-point">
            <item><xsl:value-of select="normalize-space(.)"/></item>
          </xsl:for-each>
        </list>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== architecture (context: p:initialisation) ===== -->

  <xsl:template name="offer.architecture">
    <xsl:for-each select="p:architecture[*]">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.architecture.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'architecture'"/>
      </xsl:call-template>
      <xsl:call-template name="pd.architecture"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== proof of concept (context: p:initialisation) ===== -->

  <xsl:template name="offer.poc">
    <xsl:for-each select="p:poc">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.poc.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'poc'"/>
      </xsl:call-template>
      <xsl:call-template name="pd.facts">
        <xsl:with-param name="facts">
          <pd:fact label="{pd:text('offer.poc.server')}"><code><xsl:value-of select="@server"/></code></pd:fact>
          <pd:fact label="{pd:text('offer.poc.access')}">
            <xsl:if test="@access"><xsl:value-of select="pd:text(concat('access.', @access))"/></xsl:if>
          </pd:fact>
          <pd:fact label="{pd:text('offer.poc.accounts')}">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key" select="'offer.poc.accounts-value'"/>
              <xsl:with-param name="name1" select="'n'"/>
              <xsl:with-param name="value1" select="pd:number(@accounts, 0)"/>
            </xsl:call-template>
          </pd:fact>
          <pd:fact label="{pd:text('offer.poc.ready')}"><span nobreak="true"><xsl:value-of select="translate(pd:date(@ready), ' ', '&#160;')"/></span></pd:fact>
          <pd:fact label="{pd:text('offer.poc.feedback')}"><span nobreak="true"><xsl:value-of select="translate(pd:date(@feedback), ' ', '&#160;')"/></span></pd:fact>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="offer.poc-issues"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The POC's issues grouped by department (in the schema's order, the department cell
       spanning its issues), with their status and, where given, who follows up by when. -->
  <xsl:template name="offer.poc-issues">
    <xsl:if test="p:issue">
      <xsl:variable name="issues" select="p:issue"/>
      <xsl:variable name="follow-up" select="boolean(p:issue[@owner or @due])"/>
      <xsl:variable name="departments-rtf">
        <pd:d>rnd</pd:d><pd:d>sales</pd:d><pd:d>marketing</pd:d>
        <pd:d>support</pd:d><pd:d>operations</pd:d><pd:d>other</pd:d>
      </xsl:variable>
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.poc.issues')"/>
        <xsl:with-param name="level" select="2"/>
      </xsl:call-template>
      <p style="intro" keep-with-next="true">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'offer.poc.summary'"/>
          <xsl:with-param name="name1" select="'open'"/>
          <xsl:with-param name="value1" select="count(p:issue[@status = 'open'])"/>
          <xsl:with-param name="name2" select="'closed'"/>
          <xsl:with-param name="value2" select="count(p:issue[@status = 'closed'])"/>
        </xsl:call-template>
      </p>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <xsl:attribute name="stripe">#ffffff</xsl:attribute>
        <xsl:attribute name="border-inner">0.5pt</xsl:attribute>
        <column width="30mm"/>
        <column width="1*"/>
        <column width="22mm"/>
        <xsl:if test="$follow-up"><column width="38mm"/></xsl:if>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('offer.poc.department')"/></cell>
            <cell><xsl:value-of select="pd:text('offer.poc.issue')"/></cell>
            <cell><xsl:value-of select="pd:text('offer.poc.status')"/></cell>
            <xsl:if test="$follow-up"><cell><xsl:value-of select="pd:text('offer.poc.follow-up')"/></cell></xsl:if>
          </row>
        </header>
        <xsl:for-each select="exsl:node-set($departments-rtf)/pd:d">
          <xsl:variable name="d" select="string(.)"/>
          <xsl:variable name="group" select="$issues[@department = $d]"/>
          <xsl:for-each select="$group">
            <row>
              <xsl:if test="position() = 1">
                <cell rowspan="{count($group)}" font-weight="600">
                  <xsl:value-of select="pd:text(concat('department.', $d))"/>
                </cell>
              </xsl:if>
              <cell>
                <xsl:call-template name="pd.free-text"/>
                <xsl:value-of select="normalize-space(.)"/>
              </cell>
              <cell style="issue-{@status}"><xsl:value-of select="pd:text(concat('issue-status.', @status))"/></cell>
              <xsl:if test="$follow-up">
                <cell>
                  <xsl:if test="@owner">
                    <p><xsl:call-template name="pd.member-name"><xsl:with-param name="id" select="@owner"/></xsl:call-template></p>
                  </xsl:if>
                  <xsl:if test="@due">
                    <p style="detail">
                      <xsl:call-template name="pd.text-with">
                        <xsl:with-param name="key" select="'offer.poc.due'"/>
                        <xsl:with-param name="name1" select="'date'"/>
                        <xsl:with-param name="value1" select="pd:date(@due)"/>
                      </xsl:call-template>
                    </p>
                  </xsl:if>
                  <xsl:if test="not(@owner or @due)">
                    <p color="{$pd.color.muted}"><xsl:value-of select="pd:text('common.none')"/></p>
                  </xsl:if>
                </cell>
              </xsl:if>
            </row>
          </xsl:for-each>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- ===== technology transfer (context: p:initialisation) ===== -->

  <xsl:template name="offer.technology-transfer">
    <xsl:for-each select="p:technology-transfer">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.tt.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'technology-transfer'"/>
      </xsl:call-template>
      <p style="intro" keep-with-next="true">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key">
            <xsl:choose>
              <xsl:when test="@mails">offer.tt.intro-mails</xsl:when>
              <xsl:otherwise>offer.tt.intro</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="name1" select="'customer'"/>
          <xsl:with-param name="value1" select="normalize-space(/p:project/p:customer/p:name)"/>
          <xsl:with-param name="name2" select="'n'"/>
          <xsl:with-param name="value2" select="pd:number(concat('0', @mails), 0)"/>
        </xsl:call-template>
      </p>
      <xsl:call-template name="pd.environment-facts"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== prices (context: p:offer) ===== -->

  <!-- The line items grouped by billing period (once, monthly, yearly), each group closed by
       its subtotal, then the first-year total, VAT and the gross total, then the terms. -->
  <xsl:template name="offer.prices">
    <xsl:variable name="currency" select="string(/p:project/@currency)"/>
    <!-- the widest decimals of quantities and unit prices, to line them up -->
    <xsl:variable name="qty-decimals">
      <xsl:for-each select="p:item">
        <xsl:sort select="string-length(substring-after(@qty, '.'))" data-type="number" order="descending"/>
        <xsl:if test="position() = 1">
          <xsl:call-template name="pd.decimals"><xsl:with-param name="value" select="@qty"/></xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="price-decimals">
      <xsl:call-template name="offer.max-price-decimals">
        <xsl:with-param name="items" select="p:item"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="pd.heading">
      <xsl:with-param name="text" select="pd:text('offer.prices.heading')"/>
      <xsl:with-param name="level" select="1"/>
      <xsl:with-param name="id" select="'prices'"/>
    </xsl:call-template>
    <p style="intro" keep-with-next="true">
      <xsl:call-template name="pd.text-with">
        <xsl:with-param name="key" select="'offer.prices.intro'"/>
        <xsl:with-param name="name1" select="'currency'"/>
        <xsl:with-param name="value1" select="$currency"/>
      </xsl:call-template>
    </p>
    <xsl:variable name="net"><xsl:call-template name="offer.net"/></xsl:variable>
    <!-- the widest unit price and quantity as printed (quantities with their decimals) -->
    <xsl:variable name="price-text">
      <xsl:for-each select="p:item">
        <xsl:sort select="string-length(pd:price(@price))" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="pd:price(@price)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="qty-text">
      <xsl:for-each select="p:item">
        <xsl:sort select="string-length(substring-before(concat(@qty, '.'), '.'))" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="pd:number(substring-before(concat(@qty, '.'), '.'), 0)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <table border="0" border-inner="0" border-bottom="0.75pt" border-color="{$pd.color.rule}"
           cell-padding="5pt" header-background="{$pd.color.table-header}"
           header-color="{$pd.color.table-header-text}" space-after="6pt">
      <column width="1*"/>
      <column align="right">
        <xsl:attribute name="width">
          <xsl:call-template name="offer.amount-width">
            <xsl:with-param name="design" select="20 * 72 div 25.4"/>
            <xsl:with-param name="text" select="string($qty-text)"/>
            <xsl:with-param name="extra" select="number($qty-decimals) + 0.5 * number($qty-decimals &gt; 0)"/>
          </xsl:call-template>
        </xsl:attribute>
      </column>
      <column width="auto"/>
      <column align="right">
        <xsl:attribute name="width">
          <xsl:call-template name="offer.amount-width">
            <xsl:with-param name="design" select="23 * 72 div 25.4"/>
            <xsl:with-param name="text" select="string($price-text)"/>
            <xsl:with-param name="extra" select="number($price-decimals) - 2"/>
          </xsl:call-template>
        </xsl:attribute>
      </column>
      <column width="19mm" align="right"/>
      <column align="right">
        <xsl:attribute name="width">
          <xsl:call-template name="offer.amount-width">
            <xsl:with-param name="design" select="27 * 72 div 25.4"/>
            <xsl:with-param name="text" select="pd:money(string($net))"/>
          </xsl:call-template>
        </xsl:attribute>
      </column>
      <!-- no width, no content: its row spans hold each billing period's rows together -->
      <column width="0pt"/>
      <header>
        <row font-weight="bold">
          <cell><xsl:value-of select="pd:text('offer.prices.item')"/></cell>
          <cell align="right"><xsl:value-of select="pd:text('offer.prices.qty')"/></cell>
          <cell><xsl:value-of select="pd:text('offer.prices.unit')"/></cell>
          <cell align="right"><xsl:value-of select="pd:text('offer.prices.price')"/></cell>
          <cell align="right"><xsl:value-of select="pd:text('offer.prices.discount')"/></cell>
          <cell align="right"><xsl:value-of select="pd:text('offer.prices.total')"/></cell>
          <cell padding="0pt"/>
        </row>
      </header>
      <continued>
        <row>
          <cell colspan="7" align="right" font-style="italic" color="{$pd.color.muted}" font-size="{$pd.size.small}">
            <xsl:value-of select="pd:text('common.continued')"/>
          </cell>
        </row>
      </continued>
      <xsl:call-template name="offer.price-group">
        <xsl:with-param name="billing" select="'once'"/>
        <xsl:with-param name="qty-decimals" select="number($qty-decimals)"/>
        <xsl:with-param name="price-decimals" select="number($price-decimals)"/>
      </xsl:call-template>
      <xsl:call-template name="offer.price-group">
        <xsl:with-param name="billing" select="'monthly'"/>
        <xsl:with-param name="qty-decimals" select="number($qty-decimals)"/>
        <xsl:with-param name="price-decimals" select="number($price-decimals)"/>
      </xsl:call-template>
      <xsl:call-template name="offer.price-group">
        <xsl:with-param name="billing" select="'yearly'"/>
        <xsl:with-param name="qty-decimals" select="number($qty-decimals)"/>
        <xsl:with-param name="price-decimals" select="number($price-decimals)"/>
      </xsl:call-template>
    </table>
    <xsl:call-template name="offer.totals"/>
    <xsl:for-each select="p:terms">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.terms')"/>
        <xsl:with-param name="level" select="2"/>
        <xsl:with-param name="id" select="'terms'"/>
      </xsl:call-template>
      <p style="body">
        <xsl:call-template name="pd.free-text"/>
        <xsl:value-of select="normalize-space(.)"/>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- The decimals pd:price prints a price with: its significant decimals, at least 2. -->
  <xsl:template name="offer.price-decimals">
    <xsl:param name="price"/>
    <xsl:variable name="fraction">
      <xsl:call-template name="offer.strip-zeros">
        <xsl:with-param name="s" select="substring-after(normalize-space($price), '.')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($fraction) &gt; 2"><xsl:value-of select="string-length($fraction)"/></xsl:when>
      <xsl:otherwise>2</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="offer.strip-zeros">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="substring($s, string-length($s)) = '0'">
        <xsl:call-template name="offer.strip-zeros">
          <xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The most decimals any of items' unit prices is printed with. -->
  <xsl:template name="offer.max-price-decimals">
    <xsl:param name="items"/>
    <xsl:param name="max" select="2"/>
    <xsl:choose>
      <xsl:when test="$items">
        <xsl:variable name="d">
          <xsl:call-template name="offer.price-decimals"><xsl:with-param name="price" select="$items[1]/@price"/></xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="offer.max-price-decimals">
          <xsl:with-param name="items" select="$items[position() &gt; 1]"/>
          <xsl:with-param name="max">
            <xsl:choose>
              <xsl:when test="number($d) &gt; $max"><xsl:value-of select="$d"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$max"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$max"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The subtotal of one billing period in cents (context: p:offer). -->
  <xsl:template name="offer.subtotal">
    <xsl:param name="billing"/>
    <xsl:variable name="lines">
      <xsl:for-each select="p:item[@billing = $billing]">
        <pd:c><xsl:value-of select="pd:line-total(@qty, @price, string(@discount))"/></pd:c>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="pd:sum(exsl:node-set($lines)/pd:c)"/>
  </xsl:template>

  <!-- The rows of one billing period: its name, its items, its subtotal. Nothing without
       items. -->
  <xsl:template name="offer.price-group">
    <xsl:param name="billing"/>
    <xsl:param name="qty-decimals" select="0"/>
    <xsl:param name="price-decimals" select="2"/>
    <xsl:variable name="items" select="p:item[@billing = $billing]"/>
    <xsl:variable name="n" select="count($items)"/>
    <!-- A period of up to 8 items stays on one page; a longer one may break between items,
         but never right after its name or right before its subtotal. -->
    <xsl:variable name="whole" select="$n &lt;= 8"/>
    <xsl:if test="$items">
      <row>
        <cell colspan="6" style="group-row">
          <xsl:value-of select="pd:text(concat('billing.', $billing))"/>
        </cell>
        <cell padding="0pt">
          <xsl:attribute name="rowspan">
            <xsl:choose>
              <xsl:when test="$whole or $n = 1"><xsl:value-of select="$n + 2"/></xsl:when>
              <xsl:otherwise>2</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </cell>
      </row>
      <xsl:for-each select="$items">
        <xsl:call-template name="offer.item-row">
          <xsl:with-param name="qty-decimals" select="$qty-decimals"/>
          <xsl:with-param name="price-decimals" select="$price-decimals"/>
          <xsl:with-param name="glue">
            <xsl:choose>
              <xsl:when test="$whole or position() = 1"/>
              <xsl:when test="position() = last()">2</xsl:when>
              <xsl:otherwise>1</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:variable name="subtotal">
        <xsl:call-template name="offer.subtotal"><xsl:with-param name="billing" select="$billing"/></xsl:call-template>
      </xsl:variable>
      <row background="{$pd.color.shading}">
        <cell colspan="5" align="right" style="subtotal">
          <xsl:value-of select="pd:text(concat('offer.subtotal.', $billing))"/>
        </cell>
        <cell style="subtotal" align="right" font-features="tnum">
          <span nobreak="true"><xsl:value-of select="pd:money(string($subtotal))"/></span>
        </cell>
      </row>
    </xsl:if>
  </xsl:template>

  <!-- One line item (context: p:item): description with the article number below, quantity,
       unit, unit price, discount, line total. Quantities and unit prices are padded with
       figure spaces to line up on the decimal separator. -->
  <xsl:template name="offer.item-row">
    <xsl:param name="qty-decimals" select="0"/>
    <xsl:param name="price-decimals" select="2"/>
    <xsl:param name="glue" select="''"/>
    <xsl:variable name="qd">
      <xsl:call-template name="pd.decimals"><xsl:with-param name="value" select="@qty"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="pdec">
      <xsl:call-template name="offer.price-decimals"><xsl:with-param name="price" select="@price"/></xsl:call-template>
    </xsl:variable>
    <row>
      <cell>
        <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(.)"/></p>
        <xsl:if test="@sku">
          <p style="detail"><xsl:value-of select="@sku"/></p>
        </xsl:if>
      </cell>
      <cell style="amount">
        <xsl:call-template name="pd.decimal"><xsl:with-param name="value" select="@qty"/></xsl:call-template>
        <xsl:call-template name="pd.figure-pad">
          <xsl:with-param name="n" select="$qty-decimals - number($qd)"/>
          <xsl:with-param name="separator" select="$qty-decimals &gt; 0 and number($qd) = 0"/>
        </xsl:call-template>
      </cell>
      <cell><xsl:value-of select="pd:text(concat('unit.', @unit))"/></cell>
      <cell style="amount">
        <span nobreak="true"><xsl:value-of select="pd:price(@price)"/></span>
        <xsl:call-template name="pd.figure-pad">
          <xsl:with-param name="n" select="$price-decimals - number($pdec)"/>
        </xsl:call-template>
      </cell>
      <cell style="amount">
        <xsl:choose>
          <xsl:when test="@discount and number(@discount) != 0">
            <xsl:call-template name="pd.percent"><xsl:with-param name="value" select="@discount"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><span color="{$pd.color.muted}"><xsl:value-of select="pd:text('common.none')"/></span></xsl:otherwise>
        </xsl:choose>
      </cell>
      <cell style="amount">
        <span nobreak="true"><xsl:value-of select="pd:money(pd:line-total(@qty, @price, string(@discount)))"/></span>
      </cell>
      <xsl:if test="string($glue) != ''"><cell padding="0pt" rowspan="{$glue}"/></xsl:if>
    </row>
  </xsl:template>

  <!-- The first-year net total in cents (context: p:offer): no amount of the offer is wider. -->
  <xsl:template name="offer.net">
    <xsl:variable name="once"><xsl:call-template name="offer.subtotal"><xsl:with-param name="billing" select="'once'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="monthly"><xsl:call-template name="offer.subtotal"><xsl:with-param name="billing" select="'monthly'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="yearly"><xsl:call-template name="offer.subtotal"><xsl:with-param name="billing" select="'yearly'"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="pd:add(pd:add(string($once), pd:multiply(string($monthly), 12)), string($yearly))"/>
  </xsl:template>

  <!-- A column width for amounts: the design's width (points), or wider when the widest
       amount (chars characters of tabular figures, semi-bold at most) needs it, so that a
       column is never narrower than its amounts (a typesetter's choice, whatever the engine
       does with no-break spans). padding: the cell's padding on both sides together. -->
  <xsl:template name="offer.amount-width">
    <xsl:param name="design"/>
    <xsl:param name="text"/>
    <xsl:param name="extra" select="0"/>
    <xsl:param name="padding" select="10"/>
    <xsl:param name="scale" select="1"/>
    <!-- bold figures and letters about 0.66 em wide, separators and spaces about half that -->
    <xsl:variable name="narrow" select="string-length($text) - string-length(translate($text, ',.&#160;&#8239;&#8201; ’', ''))"/>
    <xsl:variable name="chars" select="string-length($text) - $narrow div 2 + $extra"/>
    <xsl:variable name="need" select="$chars * 0.66 * $scale * number($pd.size.base) + $padding + 2"/>
    <xsl:call-template name="pd.pt">
      <xsl:with-param name="points">
        <xsl:choose>
          <xsl:when test="$need &gt; $design"><xsl:value-of select="$need"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$design"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The first year at a glance (context: p:offer): the one-off subtotal, twelve times the
       monthly one, the yearly one, the net total, VAT on it and the gross total. -->
  <xsl:template name="offer.totals">
    <xsl:variable name="currency" select="string(/p:project/@currency)"/>
    <xsl:variable name="once"><xsl:call-template name="offer.subtotal"><xsl:with-param name="billing" select="'once'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="monthly"><xsl:call-template name="offer.subtotal"><xsl:with-param name="billing" select="'monthly'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="yearly"><xsl:call-template name="offer.subtotal"><xsl:with-param name="billing" select="'yearly'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="monthly-year" select="pd:multiply(string($monthly), 12)"/>
    <xsl:variable name="net" select="pd:add(pd:add(string($once), $monthly-year), string($yearly))"/>
    <xsl:variable name="vat" select="pd:vat($net, @vat)"/>
    <xsl:variable name="gross" select="pd:add($net, $vat)"/>
    <!-- the engine places tables at the left: an outer table pushes the totals to the right -->
    <xsl:variable name="amount-pt">
      <xsl:call-template name="offer.amount-width">
        <xsl:with-param name="design" select="36 * 72 div 25.4"/>
        <xsl:with-param name="text" select="pd:amount($gross, $currency)"/>
        <xsl:with-param name="padding" select="8"/>
        <xsl:with-param name="scale" select="1.1"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="amount" select="number(substring-before($amount-pt, 'pt'))"/>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="$amount &gt; 46 * 72 div 25.4"><xsl:value-of select="54 * 72 div 25.4"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="100 * 72 div 25.4 - $amount"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <table border="0" border-inner="0" cell-padding="0" space-before="6pt" space-after="10pt">
      <column width="1*"/>
      <column>
        <xsl:attribute name="width"><xsl:call-template name="pd.pt"><xsl:with-param name="points" select="$label + $amount"/></xsl:call-template></xsl:attribute>
      </column>
      <row>
        <cell/>
        <cell>
    <table border="0" border-inner="0" border-color="{$pd.color.rule}" cell-padding="4pt"
           font-features="tnum">
      <column>
        <xsl:attribute name="width"><xsl:call-template name="pd.pt"><xsl:with-param name="points" select="$label"/></xsl:call-template></xsl:attribute>
      </column>
      <column width="{$amount-pt}" align="right"/>
      <row>
        <cell colspan="2" style="caption" padding="4pt"><xsl:value-of select="pd:text('offer.total.heading')"/></cell>
      </row>
      <xsl:if test="p:item[@billing = 'once']">
        <row>
          <cell><xsl:value-of select="pd:text('offer.total.once')"/></cell>
          <cell><span nobreak="true"><xsl:value-of select="pd:amount(string($once), $currency)"/></span></cell>
        </row>
      </xsl:if>
      <xsl:if test="p:item[@billing = 'monthly']">
        <row>
          <cell><xsl:value-of select="pd:text('offer.total.monthly')"/></cell>
          <cell><span nobreak="true"><xsl:value-of select="pd:amount($monthly-year, $currency)"/></span></cell>
        </row>
      </xsl:if>
      <xsl:if test="p:item[@billing = 'yearly']">
        <row>
          <cell><xsl:value-of select="pd:text('offer.total.yearly')"/></cell>
          <cell><span nobreak="true"><xsl:value-of select="pd:amount(string($yearly), $currency)"/></span></cell>
        </row>
      </xsl:if>
      <row>
        <cell colspan="2" padding="0pt"><rule style="rule" thickness="0.75pt" space-before="2pt" space-after="2pt"/></cell>
      </row>
      <row font-weight="bold" hyphenate="true">
        <cell><xsl:value-of select="pd:text('offer.total.first-year')"/></cell>
        <cell><span nobreak="true"><xsl:value-of select="pd:amount($net, $currency)"/></span></cell>
      </row>
      <row>
        <cell>
          <xsl:call-template name="pd.text-with">
            <xsl:with-param name="key" select="'offer.total.vat'"/>
            <xsl:with-param name="name1" select="'rate'"/>
            <xsl:with-param name="value1">
              <xsl:call-template name="pd.percent"><xsl:with-param name="value" select="@vat"/></xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </cell>
        <cell><span nobreak="true"><xsl:value-of select="pd:amount($vat, $currency)"/></span></cell>
      </row>
      <row background="{$pd.color.shading}">
        <cell style="grand-total"><xsl:value-of select="pd:text('offer.total.gross')"/></cell>
        <cell style="grand-total"><span nobreak="true"><xsl:value-of select="pd:amount($gross, $currency)"/></span></cell>
      </row>
    </table>
        </cell>
      </row>
    </table>
  </xsl:template>

  <!-- ===== Go / No-Go (context: p:initialisation) ===== -->

  <!-- The decision in a framed box: Go and No-Go as check boxes (the one taken ticked, none
       while pending or undecided), the reason, who decided and when; then a signature field
       for the customer. Shown whenever there is an offer to decide on. -->
  <xsl:template name="offer.decision">
    <xsl:if test="p:offer or p:decision">
      <xsl:variable name="d" select="p:decision"/>
      <xsl:variable name="customer" select="normalize-space(/p:project/p:customer/p:name)"/>
      <xsl:variable name="signer">
        <xsl:choose>
          <xsl:when test="$d/@member"><xsl:value-of select="$d/@member"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="/p:project/p:customer/p:contact[1]/@member"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('offer.decision.heading')"/>
        <xsl:with-param name="level" select="1"/>
        <xsl:with-param name="id" select="'decision'"/>
      </xsl:call-template>
      <p style="intro" keep-with-next="true">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'offer.decision.intro'"/>
          <xsl:with-param name="name1" select="'customer'"/>
          <xsl:with-param name="value1" select="$customer"/>
        </xsl:call-template>
      </p>
      <box style="box" keep-with-next="true">
        <table border="0" border-inner="0" cell-padding="0">
          <column width="1*"/>
          <column width="1*"/>
          <row>
            <cell>
              <xsl:call-template name="pd.checkbox">
                <xsl:with-param name="checked" select="$d/@value = 'go'"/>
                <xsl:with-param name="field" select="'go-no-go'"/>
                <xsl:with-param name="value" select="'go'"/>
                <xsl:with-param name="tooltip" select="pd:text('offer.decision.heading')"/>
                <xsl:with-param name="label" select="pd:text('offer.decision.go')"/>
              </xsl:call-template>
            </cell>
            <cell>
              <xsl:call-template name="pd.checkbox">
                <xsl:with-param name="checked" select="$d/@value = 'no-go'"/>
                <xsl:with-param name="field" select="'go-no-go'"/>
                <xsl:with-param name="value" select="'no-go'"/>
                <xsl:with-param name="tooltip" select="pd:text('offer.decision.heading')"/>
                <xsl:with-param name="label" select="pd:text('offer.decision.no-go')"/>
              </xsl:call-template>
            </cell>
          </row>
        </table>
        <xsl:if test="not($d) or $d/@value = 'pending'">
          <p style="note" space-before="8pt"><xsl:value-of select="pd:text('offer.decision.pending')"/></p>
        </xsl:if>
        <xsl:if test="normalize-space($d) != ''">
          <p style="decision-label"><xsl:value-of select="pd:text('offer.decision.reason')"/></p>
          <p>
            <xsl:call-template name="pd.free-text"/>
            <xsl:value-of select="normalize-space($d)"/>
          </p>
        </xsl:if>
        <xsl:if test="($d/@member or $d/@date) and $d/@value != 'pending'">
          <xsl:variable name="name">
            <xsl:if test="$d/@member">
              <xsl:call-template name="pd.member-name"><xsl:with-param name="id" select="$d/@member"/></xsl:call-template>
            </xsl:if>
          </xsl:variable>
          <p style="note" space-before="8pt">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key">
                <xsl:choose>
                  <xsl:when test="$d/@member and $d/@date">decision.by</xsl:when>
                  <xsl:when test="$d/@member">decision.by-name</xsl:when>
                  <xsl:otherwise>decision.on</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="name1" select="'name'"/>
              <xsl:with-param name="value1" select="string($name)"/>
              <xsl:with-param name="name2" select="'date'"/>
              <xsl:with-param name="value2">
                <xsl:call-template name="pd.date"><xsl:with-param name="date" select="$d/@date"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </p>
        </xsl:if>
      </box>
      <table border="0" border-inner="0" cell-padding="0" keep-together="true" space-before="14pt">
        <column width="1*"/>
        <column width="12mm"/>
        <column width="1*"/>
        <row>
          <cell>
            <xsl:call-template name="pd.signature-block">
              <xsl:with-param name="field" select="'customer'"/>
              <xsl:with-param name="label">
                <xsl:call-template name="pd.text-with">
                  <xsl:with-param name="key" select="'offer.decision.signature'"/>
                  <xsl:with-param name="name1" select="'customer'"/>
                  <xsl:with-param name="value1" select="$customer"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="name">
                <xsl:if test="string($signer) != ''">
                  <xsl:call-template name="pd.member-name"><xsl:with-param name="id" select="string($signer)"/></xsl:call-template>
                </xsl:if>
              </xsl:with-param>
              <xsl:with-param name="role">
                <xsl:if test="string($signer) != ''">
                  <xsl:call-template name="pd.member-role"><xsl:with-param name="id" select="string($signer)"/></xsl:call-template>
                </xsl:if>
              </xsl:with-param>
            </xsl:call-template>
          </cell>
          <cell/>
          <cell/>
        </row>
      </table>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
