<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what every phasedoc document kind shares. Named styles derived from the brand,
  the page masters with their running header and footer, and helpers (team members, dates,
  addresses, facts tables, headings, signature fields, "Page N of M").

  Every brand value (colours, fonts, sizes, page geometry, logo, company lines) comes from
  pd:brand() and pd:brand-file(); every fixed string from pd:text(). Nothing here is literal
  about a brand or a language.

  Extension points: the parts of the design are NAMED templates (pd.styles, pd.cover-styles,
  pd.flow-props, pd.page-masters, pd.page-master, pd.header, pd.header-logo, pd.footer,
  pd.page-n-of-m, pd.metadata, pd.cover, pd.cover-logo, pd.contents, pd.title-block,
  pd.heading, pd.phase-diagram, pd.phase-strip, pd.history, pd.architecture,
  pd.environment-facts, pd.sizing, pd.facts, pd.fact-grid, pd.table-props, pd.person,
  pd.member-cell, pd.address, pd.checkbox, pd.signature-block, pd.free-text, ...). A partner
  stylesheet that imports a kind's stylesheet (which imports this one) overrides exactly the
  template it wants to change; the rest stays as it is. The global variables pd.color.*, pd.font.* and
  pd.size.* may be overridden the same way.

  Contract of the output: schemas/layout.rng (namespace urn:phasedoc:layout:1).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:phasedoc:layout:1"
                xmlns:p="urn:phasedoc:project:1"
                xmlns:pd="urn:phasedoc:xslt:1"
                xmlns:exsl="http://exslt.org/common"
                exclude-result-prefixes="p pd exsl">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Set by the C side: the document kind (approval, offer, ...) and the output language. -->
  <xsl:param name="kind" select="''"/>
  <xsl:param name="lang" select="''"/>

  <xsl:key name="pd.member" match="p:team/p:member" use="@id"/>

  <!-- The project being rendered, for helpers that may run with another context node. -->
  <xsl:variable name="pd.project" select="/p:project"/>

  <!-- ===== brand values used throughout ===== -->

  <xsl:variable name="pd.color.primary" select="pd:brand('color.primary')"/>
  <xsl:variable name="pd.color.text" select="pd:brand('color.text')"/>
  <!-- secondary text: readable (4.5:1) on white and on the table stripes whatever the brand chose -->
  <xsl:variable name="pd.color.muted" select="pd:ink(pd:brand('color.muted'), pd:brand('color.shading'))"/>
  <xsl:variable name="pd.color.rule" select="pd:brand('color.rule')"/>
  <xsl:variable name="pd.color.table-header" select="pd:brand('color.table-header')"/>
  <xsl:variable name="pd.color.table-header-text" select="pd:brand('color.table-header-text')"/>
  <xsl:variable name="pd.color.shading" select="pd:brand('color.shading')"/>

  <xsl:variable name="pd.font.body" select="pd:brand('font.body')"/>
  <xsl:variable name="pd.font.heading" select="pd:brand('font.heading')"/>
  <xsl:variable name="pd.font.mono" select="pd:brand('font.mono')"/>

  <!-- The cover page's design: band, plain or full. -->
  <xsl:variable name="pd.cover.style" select="string(pd:brand('cover.style'))"/>

  <!-- The language of the project's free text: paragraphs from the project description are
       hyphenated in it, whatever the output language. -->
  <xsl:variable name="pd.text-lang" select="string(/p:project/@lang)"/>

  <!-- The body size in points; every other size is a multiple of it. -->
  <xsl:variable name="pd.size.base">
    <xsl:call-template name="pd.to-pt">
      <xsl:with-param name="length" select="pd:brand('font.size')"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="pd.size.title"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="2.2"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.subtitle"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="1.35"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.h1"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="1.7"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.h2"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="1.3"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.h3"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="1.1"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.body"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="1"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.small"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="0.88"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.micro"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="0.7"/></xsl:call-template></xsl:variable>
  <xsl:variable name="pd.size.tiny"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="0.78"/></xsl:call-template></xsl:variable>

  <!-- ===== lengths ===== -->

  <!-- A layout length (12pt, 25mm, 2.5cm, 1in, 16px or a bare number of points) in points. -->
  <xsl:template name="pd.to-pt">
    <xsl:param name="length"/>
    <xsl:variable name="l" select="normalize-space($length)"/>
    <xsl:variable name="unit" select="substring($l, string-length($l) - 1)"/>
    <xsl:variable name="n" select="number(translate($l, 'abcdefghijklmnopqrstuvwxyz ', ''))"/>
    <xsl:choose>
      <xsl:when test="$unit = 'mm'"><xsl:value-of select="$n * 72 div 25.4"/></xsl:when>
      <xsl:when test="$unit = 'cm'"><xsl:value-of select="$n * 72 div 2.54"/></xsl:when>
      <xsl:when test="$unit = 'in'"><xsl:value-of select="$n * 72"/></xsl:when>
      <xsl:when test="$unit = 'px'"><xsl:value-of select="$n * 0.75"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number of points as a layout length: 12.5 → "12.5pt". -->
  <xsl:template name="pd.pt">
    <xsl:param name="points"/>
    <xsl:value-of select="concat(format-number($points, '0.##'), 'pt')"/>
  </xsl:template>

  <!-- The brand's body size times factor, as a length. -->
  <xsl:template name="pd.size">
    <xsl:param name="factor" select="1"/>
    <xsl:call-template name="pd.pt">
      <xsl:with-param name="points" select="number($pd.size.base) * $factor"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== strings ===== -->

  <!-- text with every occurrence of from replaced by to. -->
  <xsl:template name="pd.replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="$from != '' and contains($text, $from)">
        <xsl:value-of select="substring-before($text, $from)"/>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="pd.replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The catalogue string key with up to three {placeholders} filled in. nobreak true: as
       inlines, each value in a no-break span (dates, amounts, ids inside a sentence); only
       where inlines may stand, never in an attribute. -->
  <xsl:template name="pd.text-with">
    <xsl:param name="key"/>
    <xsl:param name="name1"/>
    <xsl:param name="value1"/>
    <xsl:param name="name2"/>
    <xsl:param name="value2"/>
    <xsl:param name="name3"/>
    <xsl:param name="value3"/>
    <xsl:param name="nobreak" select="false()"/>
    <xsl:choose>
      <xsl:when test="$nobreak">
        <xsl:call-template name="pd.fill-nobreak">
          <xsl:with-param name="text" select="pd:text($key)"/>
          <xsl:with-param name="name1" select="$name1"/>
          <xsl:with-param name="value1" select="$value1"/>
          <xsl:with-param name="name2" select="$name2"/>
          <xsl:with-param name="value2" select="$value2"/>
          <xsl:with-param name="name3" select="$name3"/>
          <xsl:with-param name="value3" select="$value3"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="pd.text-with-string">
          <xsl:with-param name="key" select="$key"/>
          <xsl:with-param name="name1" select="$name1"/>
          <xsl:with-param name="value1" select="$value1"/>
          <xsl:with-param name="name2" select="$name2"/>
          <xsl:with-param name="value2" select="$value2"/>
          <xsl:with-param name="name3" select="$name3"/>
          <xsl:with-param name="value3" select="$value3"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="pd.fill-nobreak">
    <xsl:param name="text"/>
    <xsl:param name="name1"/>
    <xsl:param name="value1"/>
    <xsl:param name="name2"/>
    <xsl:param name="value2"/>
    <xsl:param name="name3"/>
    <xsl:param name="value3"/>
    <xsl:variable name="name" select="substring-before(substring-after($text, '{'), '}')"/>
    <xsl:choose>
      <xsl:when test="$name != '' and ($name = $name1 or $name = $name2 or $name = $name3)">
        <xsl:value-of select="substring-before($text, '{')"/>
        <!-- no-break spaces inside as well: the value holds together with any engine -->
        <span nobreak="true">
          <xsl:choose>
            <xsl:when test="$name = $name1"><xsl:value-of select="translate($value1, ' ', '&#160;')"/></xsl:when>
            <xsl:when test="$name = $name2"><xsl:value-of select="translate($value2, ' ', '&#160;')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="translate($value3, ' ', '&#160;')"/></xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:call-template name="pd.fill-nobreak">
          <xsl:with-param name="text" select="substring-after(substring-after($text, '{'), '}')"/>
          <xsl:with-param name="name1" select="$name1"/>
          <xsl:with-param name="value1" select="$value1"/>
          <xsl:with-param name="name2" select="$name2"/>
          <xsl:with-param name="value2" select="$value2"/>
          <xsl:with-param name="name3" select="$name3"/>
          <xsl:with-param name="value3" select="$value3"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="pd.text-with-string">
    <xsl:param name="key"/>
    <xsl:param name="name1"/>
    <xsl:param name="value1"/>
    <xsl:param name="name2"/>
    <xsl:param name="value2"/>
    <xsl:param name="name3"/>
    <xsl:param name="value3"/>
    <xsl:variable name="s1">
      <xsl:call-template name="pd.replace">
        <xsl:with-param name="text" select="pd:text($key)"/>
        <xsl:with-param name="from" select="concat('{', $name1, '}')"/>
        <xsl:with-param name="to" select="$value1"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="s2">
      <xsl:call-template name="pd.replace">
        <xsl:with-param name="text" select="string($s1)"/>
        <xsl:with-param name="from" select="concat('{', $name2, '}')"/>
        <xsl:with-param name="to" select="$value2"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="pd.replace">
      <xsl:with-param name="text" select="string($s2)"/>
      <xsl:with-param name="from" select="concat('{', $name3, '}')"/>
      <xsl:with-param name="to" select="$value3"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== named styles ===== -->

  <!-- Extension point: the named styles every kind uses. A kind adds its own after these
       (approval.styles, ...); a partner overrides this template to restyle everything. -->
  <xsl:template name="pd.styles">
    <style name="title" font-family="{$pd.font.heading}" font-size="{$pd.size.title}"
           font-weight="bold" color="{$pd.color.primary}" line-height="1.15" space-after="5pt"/>
    <style name="subtitle" font-family="{$pd.font.heading}" font-size="{$pd.size.subtitle}"
           font-weight="600" color="{$pd.color.text}" line-height="1.25" space-after="12pt"/>
    <style name="meta" font-size="{$pd.size.small}" color="{$pd.color.muted}"/>
    <style name="title-band" background="{$pd.color.primary}" padding="8pt" space-after="8pt"/>
    <style name="title-band-text" font-family="{$pd.font.heading}" font-size="{$pd.size.small}"
           font-weight="600" color="{$pd.color.table-header-text}" letter-spacing="0.4pt"/>
    <style name="title-rule" color="{$pd.color.primary}" border-color="{$pd.color.primary}"
           space-after="8pt"/>
    <style name="kicker" font-family="{$pd.font.heading}" font-size="{$pd.size.tiny}"
           font-weight="bold" color="{$pd.color.primary}" text-transform="uppercase"
           letter-spacing="1.2pt" space-after="4pt"/>
    <style name="h1" font-family="{$pd.font.heading}" font-size="{$pd.size.h1}"
           font-weight="bold" color="{$pd.color.primary}" line-height="1.2"
           space-before="20pt" space-after="8pt"/>
    <style name="h2" font-family="{$pd.font.heading}" font-size="{$pd.size.h2}"
           font-weight="bold" color="{$pd.color.primary}" line-height="1.2"
           space-before="18pt" space-after="7pt"/>
    <style name="h3" font-family="{$pd.font.heading}" font-size="{$pd.size.h3}"
           font-weight="bold" color="{$pd.color.text}" line-height="1.2"
           space-before="12pt" space-after="4pt"/>
    <style name="body" space-after="6pt"/>
    <style name="small" font-size="{$pd.size.small}"/>
    <style name="muted" color="{$pd.color.muted}"/>
    <style name="note" font-size="{$pd.size.small}" font-style="italic"
           color="{$pd.color.muted}" space-before="2pt"/>
    <style name="detail" font-size="{$pd.size.small}" color="{$pd.color.muted}"/>
    <style name="mono" font-family="{$pd.font.mono}" font-size="{$pd.size.small}"/>
    <style name="strong" font-weight="bold"/>
    <style name="label" font-size="{$pd.size.small}" color="{$pd.color.muted}"/>
    <style name="caption" font-family="{$pd.font.heading}" font-size="{$pd.size.tiny}"
           font-weight="bold" color="{$pd.color.muted}" text-transform="uppercase"
           letter-spacing="0.8pt" space-after="2pt"/>
    <style name="box" border="0.75pt" border-color="{$pd.color.primary}"
           background="{$pd.color.shading}" padding="12pt" space-before="4pt" space-after="6pt"/>
    <style name="list" space-after="6pt"/>
    <style name="rule" color="{$pd.color.rule}" border-color="{$pd.color.rule}"/>
    <style name="legal" font-size="{$pd.size.micro}" line-height="1.3" space-before="2pt"/>
    <!-- inline elements and the contents, styled by element name -->
    <style name="code" font-family="{$pd.font.mono}" font-size="{$pd.size.small}"/>
    <style name="a" color="{$pd.color.primary}"/>
    <style name="toc1" font-weight="600" color="{$pd.color.text}"/>
    <style name="toc2" color="{$pd.color.muted}"/>
    <style name="toc" space-before="4pt" space-after="14pt"/>
    <!-- the longer documents: lead paragraphs, key figures, figures, totals -->
    <style name="lead" font-size="{$pd.size.h3}" line-height="1.4" color="{$pd.color.text}"
           space-after="8pt"/>
    <style name="intro" color="{$pd.color.muted}" space-after="8pt"/>
    <style name="figure" space-before="6pt" space-after="10pt"/>
    <style name="key-figure" border="0" background="{$pd.color.shading}" padding="10pt"
           space-before="4pt" space-after="10pt"/>
    <style name="key-figure-text" font-family="{$pd.font.heading}" font-size="{$pd.size.h3}"
           font-weight="bold" color="{$pd.color.primary}" line-height="1.3"/>
    <style name="amount" font-features="tnum" align="right"/>
    <style name="group-row" font-weight="bold" color="{$pd.color.primary}"/>
    <style name="subtotal" font-weight="600"/>
    <style name="level-high" font-weight="600" color="{pd:ink(pd:brand('color.failed'), $pd.color.shading)}"/>
    <style name="level-medium" font-weight="600" color="{pd:ink(pd:brand('color.waived'), $pd.color.shading)}"/>
    <style name="level-low" font-weight="600" color="{pd:ink(pd:brand('color.passed'), $pd.color.shading)}"/>
    <style name="id" font-weight="600" color="{$pd.color.muted}"/>
    <xsl:call-template name="pd.cover-styles"/>
  </xsl:template>

  <!-- Extension point: the styles of the cover page after the brand's cover.style: band (the
       title in a band of the primary colour), plain (the title in the primary colour above a
       bar) or full (the whole page in the primary colour, the text in the colour the brand
       sets for text on it). -->
  <xsl:template name="pd.cover-styles">
    <xsl:variable name="on-colour" select="$pd.cover.style = 'band' or $pd.cover.style = 'full'"/>
    <xsl:variable name="ink">
      <xsl:choose>
        <xsl:when test="$on-colour"><xsl:value-of select="$pd.color.table-header-text"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$pd.color.primary"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cover-size-title"><xsl:call-template name="pd.size"><xsl:with-param name="factor" select="2.9"/></xsl:call-template></xsl:variable>
    <style name="cover-band" border="0" padding="16pt" space-after="0pt">
      <xsl:attribute name="background">
        <xsl:choose>
          <xsl:when test="$pd.cover.style = 'plain'">#ffffff</xsl:when>
          <xsl:otherwise><xsl:value-of select="$pd.color.primary"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="$pd.cover.style = 'plain'">
        <xsl:attribute name="padding">0pt</xsl:attribute>
      </xsl:if>
    </style>
    <style name="cover-kicker" font-family="{$pd.font.heading}" font-size="{$pd.size.small}"
           font-weight="bold" color="{$ink}" text-transform="uppercase" letter-spacing="2pt"
           space-after="10pt"/>
    <style name="cover-title" font-family="{$pd.font.heading}" font-size="{$cover-size-title}"
           font-weight="bold" color="{$ink}" line-height="1.12" space-after="10pt"/>
    <style name="cover-subtitle" font-family="{$pd.font.heading}" font-size="{$pd.size.subtitle}"
           color="{$ink}" line-height="1.3"/>
    <style name="cover-meta" font-size="{$pd.size.small}" color="{$pd.color.muted}" space-before="6pt"/>
  </xsl:template>

  <!-- Text properties of the flow: the brand's body font, size and colour. Call it first
       inside <flow>. -->
  <xsl:template name="pd.flow-props">
    <xsl:attribute name="font-family"><xsl:value-of select="$pd.font.body"/></xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$pd.size.body"/></xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$pd.color.text"/></xsl:attribute>
    <xsl:attribute name="line-height">1.35</xsl:attribute>
  </xsl:template>

  <!-- ===== page masters ===== -->

  <!-- Extension point: the page masters. default: running header and footer with page
       numbers; cover: no running header (title pages of the longer kinds), but the footer
       with its page number, so that a printed or faxed page 1 still says "Page 1 of 6". -->
  <xsl:template name="pd.page-masters">
    <xsl:call-template name="pd.page-master">
      <xsl:with-param name="name" select="'default'"/>
    </xsl:call-template>
    <xsl:call-template name="pd.page-master">
      <xsl:with-param name="name" select="'cover'"/>
      <xsl:with-param name="header" select="false()"/>
      <xsl:with-param name="background">
        <xsl:if test="$pd.cover.style = 'full'"><xsl:value-of select="$pd.color.primary"/></xsl:if>
      </xsl:with-param>
      <xsl:with-param name="ink">
        <xsl:choose>
          <xsl:when test="$pd.cover.style = 'full'"><xsl:value-of select="$pd.color.table-header-text"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$pd.color.muted"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Extension point: one page master with the brand's page size and margins. -->
  <xsl:template name="pd.page-master">
    <xsl:param name="name" select="'default'"/>
    <xsl:param name="header" select="true()"/>
    <xsl:param name="page-numbers" select="true()"/>
    <xsl:param name="background" select="''"/>
    <xsl:param name="ink" select="$pd.color.muted"/>
    <xsl:variable name="margin-top">
      <xsl:call-template name="pd.to-pt"><xsl:with-param name="length" select="pd:brand('page.margin-top')"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="margin-bottom">
      <xsl:call-template name="pd.to-pt"><xsl:with-param name="length" select="pd:brand('page.margin-bottom')"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="header-content">
      <xsl:if test="$header"><xsl:call-template name="pd.header"/></xsl:if>
    </xsl:variable>
    <xsl:variable name="footer-content">
      <xsl:call-template name="pd.footer">
        <xsl:with-param name="page-numbers" select="$page-numbers"/>
      </xsl:call-template>
    </xsl:variable>
    <page-master name="{$name}">
      <xsl:call-template name="pd.page-size"/>
      <xsl:attribute name="margin-top"><xsl:value-of select="pd:brand('page.margin-top')"/></xsl:attribute>
      <xsl:attribute name="margin-bottom"><xsl:value-of select="pd:brand('page.margin-bottom')"/></xsl:attribute>
      <xsl:attribute name="margin-left"><xsl:value-of select="pd:brand('page.margin-left')"/></xsl:attribute>
      <xsl:attribute name="margin-right"><xsl:value-of select="pd:brand('page.margin-right')"/></xsl:attribute>
      <!-- The header starts at 30% of the top margin, leaving the rest to the logo and the
           hairline; the footer (a hairline, a line, the legal line) starts 12pt below the body. -->
      <xsl:attribute name="header-offset">
        <xsl:call-template name="pd.pt">
          <xsl:with-param name="points">
            <xsl:call-template name="pd.max">
              <xsl:with-param name="a" select="number($margin-top) * 0.3"/>
              <xsl:with-param name="b" select="12"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:attribute name="footer-offset">
        <xsl:call-template name="pd.pt">
          <xsl:with-param name="points">
            <xsl:call-template name="pd.max">
              <xsl:with-param name="a" select="number($margin-bottom) - 14"/>
              <xsl:with-param name="b" select="28"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:if test="string($background) != ''">
        <xsl:attribute name="background"><xsl:value-of select="$background"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="normalize-space(pd:brand('document.watermark')) != ''">
        <xsl:attribute name="watermark"><xsl:value-of select="pd:brand('document.watermark')"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="exsl:node-set($header-content)/*">
        <header font-family="{$pd.font.body}" font-size="{$pd.size.tiny}" color="{$ink}">
          <xsl:copy-of select="$header-content"/>
        </header>
      </xsl:if>
      <xsl:if test="exsl:node-set($footer-content)/*">
        <footer font-family="{$pd.font.body}" font-size="{$pd.size.tiny}" color="{$ink}">
          <xsl:copy-of select="$footer-content"/>
        </footer>
      </xsl:if>
    </page-master>
  </xsl:template>

  <xsl:template name="pd.max">
    <xsl:param name="a"/>
    <xsl:param name="b"/>
    <xsl:choose>
      <xsl:when test="$a &gt; $b"><xsl:value-of select="$a"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$b"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- page.size: a named size (A4, A5, Letter, Legal) or "WIDTH HEIGHT" / "WIDTHxHEIGHT". -->
  <xsl:template name="pd.page-size">
    <xsl:variable name="size" select="normalize-space(pd:brand('page.size'))"/>
    <xsl:variable name="pair" select="normalize-space(translate($size, 'x', ' '))"/>
    <xsl:choose>
      <xsl:when test="$size = 'A4' or $size = 'A5' or $size = 'Letter' or $size = 'Legal'">
        <xsl:attribute name="size"><xsl:value-of select="$size"/></xsl:attribute>
      </xsl:when>
      <xsl:when test="contains($pair, ' ')">
        <xsl:attribute name="width"><xsl:value-of select="substring-before($pair, ' ')"/></xsl:attribute>
        <xsl:attribute name="height"><xsl:value-of select="substring-after($pair, ' ')"/></xsl:attribute>
      </xsl:when>
      <xsl:otherwise>
        <xsl:attribute name="size"><xsl:value-of select="$size"/></xsl:attribute>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Extension point: the running header. The logo (logo.width wide) on the logo.placement
       side when header.logo is true and the brand has one, header.text on the other side, a
       hairline below. Nothing when both are absent. -->
  <xsl:template name="pd.header">
    <xsl:variable name="logo">
      <xsl:if test="pd:brand('header.logo') = 'true'">
        <xsl:value-of select="pd:brand-file('logo.file')"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="text" select="normalize-space(pd:brand('header.text'))"/>
    <xsl:variable name="logo-left" select="pd:brand('logo.placement') = 'left'"/>
    <xsl:if test="string($logo) != '' or $text != ''">
      <table border="0" border-inner="0" cell-padding="0">
        <column width="1*"/>
        <column width="1*" align="right"/>
        <row>
          <cell valign="bottom">
            <xsl:choose>
              <xsl:when test="$logo-left">
                <xsl:call-template name="pd.header-logo"><xsl:with-param name="src" select="string($logo)"/></xsl:call-template>
              </xsl:when>
              <xsl:when test="$text != ''"><p><xsl:value-of select="$text"/></p></xsl:when>
            </xsl:choose>
          </cell>
          <cell valign="bottom">
            <xsl:choose>
              <xsl:when test="not($logo-left)">
                <xsl:call-template name="pd.header-logo"><xsl:with-param name="src" select="string($logo)"/></xsl:call-template>
              </xsl:when>
              <xsl:when test="$text != ''"><p align="right"><xsl:value-of select="$text"/></p></xsl:when>
            </xsl:choose>
          </cell>
        </row>
      </table>
      <rule style="rule" thickness="0.5pt" space-before="5pt"/>
    </xsl:if>
  </xsl:template>

  <!-- Extension point: the logo in the running header ('' src: nothing). -->
  <xsl:template name="pd.header-logo">
    <xsl:param name="src"/>
    <xsl:if test="$src != ''">
      <image src="{$src}" width="{pd:brand('logo.width')}" alt="{pd:brand('company.name')}">
        <xsl:if test="pd:brand('logo.placement') != 'left'">
          <xsl:attribute name="align-block">right</xsl:attribute>
        </xsl:if>
      </image>
    </xsl:if>
  </xsl:template>

  <!-- Extension point: the running footer. A hairline, then footer.text on the left and
       "Page N of M" on the right (when page-numbers is true), then the company's legal line
       (company.legal) across the whole width. -->
  <xsl:template name="pd.footer">
    <xsl:param name="page-numbers" select="true()"/>
    <xsl:variable name="text" select="normalize-space(pd:brand('footer.text'))"/>
    <xsl:variable name="legal" select="normalize-space(pd:brand('company.legal'))"/>
    <xsl:if test="$text != '' or $legal != '' or $page-numbers">
      <rule style="rule" thickness="0.5pt" space-after="4pt"/>
      <xsl:if test="$text != '' or $page-numbers">
        <table border="0" border-inner="0" cell-padding="0">
          <column width="1*"/>
          <column width="40mm" align="right"/>
          <row>
            <cell valign="top">
              <xsl:if test="$text != ''">
                <p><xsl:value-of select="$text"/></p>
              </xsl:if>
            </cell>
            <cell valign="top">
              <xsl:if test="$page-numbers">
                <p align="right"><xsl:call-template name="pd.page-n-of-m"/></p>
              </xsl:if>
            </cell>
          </row>
        </table>
      </xsl:if>
      <xsl:if test="$legal != ''">
        <p style="legal">
          <xsl:call-template name="pd.legal-parts"><xsl:with-param name="text" select="$legal"/></xsl:call-template>
        </p>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The legal line's parts between " · " each held together ("VAT ID DE318427906" never
       as "VAT" / "ID DE318427906"): no-break spans with no-break spaces, the line breaks only
       between parts. -->
  <xsl:template name="pd.legal-parts">
    <xsl:param name="text"/>
    <xsl:variable name="sep" select="' · '"/>
    <xsl:choose>
      <xsl:when test="contains($text, $sep)">
        <span nobreak="true"><xsl:value-of select="translate(substring-before($text, $sep), ' ', '&#160;')"/></span>
        <xsl:value-of select="$sep"/>
        <xsl:call-template name="pd.legal-parts">
          <xsl:with-param name="text" select="substring-after($text, $sep)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <span nobreak="true"><xsl:value-of select="translate($text, ' ', '&#160;')"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Extension point: "Page N of M" from the catalogue's page.n-of-m pattern, with {n} and
       {m} replaced by <page-number/> and <page-count/>. Inline content. -->
  <xsl:template name="pd.page-n-of-m">
    <xsl:call-template name="pd.page-pattern">
      <xsl:with-param name="pattern" select="pd:text('page.n-of-m')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="pd.page-pattern">
    <xsl:param name="pattern"/>
    <xsl:variable name="before-n" select="substring-before($pattern, '{n}')"/>
    <xsl:variable name="before-m" select="substring-before($pattern, '{m}')"/>
    <xsl:variable name="has-n" select="contains($pattern, '{n}')"/>
    <xsl:variable name="has-m" select="contains($pattern, '{m}')"/>
    <xsl:choose>
      <xsl:when test="$has-n and (not($has-m) or string-length($before-n) &lt; string-length($before-m))">
        <xsl:value-of select="$before-n"/>
        <page-number/>
        <xsl:call-template name="pd.page-pattern">
          <xsl:with-param name="pattern" select="substring-after($pattern, '{n}')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$has-m">
        <xsl:value-of select="$before-m"/>
        <page-count/>
        <xsl:call-template name="pd.page-pattern">
          <xsl:with-param name="pattern" select="substring-after($pattern, '{m}')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$pattern"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== headings and title ===== -->

  <!-- Extension point: a section heading (into the outline); the engine keeps it with the
       next block. -->
  <xsl:template name="pd.heading">
    <xsl:param name="text"/>
    <xsl:param name="level" select="2"/>
    <xsl:param name="id" select="''"/>
    <h level="{$level}" style="h{$level}">
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:value-of select="$text"/>
    </h>
  </xsl:template>

  <!-- Extension point: a document's title block: the document kind as the level-1 heading,
       the subtitle (usually the project title) below it, then a band in the primary colour
       carrying a line of metadata (in the colour the brand sets on table headers, its text
       colour for dark backgrounds); without metadata, a bar in the primary colour. -->
  <xsl:template name="pd.title-block">
    <xsl:param name="title"/>
    <xsl:param name="subtitle" select="''"/>
    <xsl:param name="meta" select="''"/>
    <xsl:param name="id" select="'title'"/>
    <h level="1" style="title" id="{$id}"><xsl:value-of select="$title"/></h>
    <xsl:if test="$subtitle != ''">
      <p style="subtitle"><xsl:value-of select="$subtitle"/></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$meta != ''">
        <box style="title-band">
          <p style="title-band-text"><xsl:value-of select="$meta"/></p>
        </box>
      </xsl:when>
      <xsl:otherwise>
        <rule style="title-rule" thickness="4pt"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== people, dates, addresses ===== -->

  <!-- The name of the team member with this id (the id itself if there is none). -->
  <xsl:template name="pd.member-name">
    <xsl:param name="id"/>
    <xsl:for-each select="$pd.project">
      <xsl:variable name="m" select="key('pd.member', $id)"/>
      <xsl:choose>
        <xsl:when test="$m"><xsl:value-of select="$m/@name"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The role of the team member with this id ('' if there is none). -->
  <xsl:template name="pd.member-role">
    <xsl:param name="id"/>
    <xsl:for-each select="$pd.project">
      <xsl:value-of select="key('pd.member', $id)/@role"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Extension point: a team member as blocks: name in bold, role, then e-mail and phone in
       small muted type. -->
  <xsl:template name="pd.person">
    <xsl:param name="id"/>
    <xsl:param name="space-before" select="false()"/>
    <xsl:for-each select="$pd.project">
      <xsl:variable name="m" select="key('pd.member', $id)"/>
      <p>
        <xsl:if test="$m/@email or $m/@phone">
          <xsl:attribute name="keep-with-next">true</xsl:attribute>
        </xsl:if>
        <xsl:if test="$space-before">
          <xsl:attribute name="space-before">5pt</xsl:attribute>
        </xsl:if>
        <b><xsl:value-of select="$m/@name"/></b>
        <xsl:if test="$m/@role">
          <br/>
          <xsl:value-of select="$m/@role"/>
        </xsl:if>
      </p>
      <xsl:if test="$m/@email or $m/@phone">
        <p style="detail">
          <span break="url"><xsl:value-of select="$m/@email"/></span>
          <xsl:if test="$m/@email and $m/@phone"><br/></xsl:if>
          <xsl:value-of select="$m/@phone"/>
        </p>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- A date (YYYY-MM-DD) in the output language, with no-break spaces (it never breaks, and
       may stand in an attribute); fallback when it is empty. -->
  <xsl:template name="pd.date">
    <xsl:param name="date"/>
    <xsl:param name="fallback" select="''"/>
    <xsl:choose>
      <xsl:when test="normalize-space($date) != ''"><xsl:value-of select="translate(pd:date(normalize-space($date)), ' ', '&#160;')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$fallback"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Countries the catalogues name; other codes print as they are. -->
  <xsl:variable name="pd.countries" select="' AT BE CH CZ DE DK ES FI FR GB IE IT LI LU NL NO PL PT SE US '"/>

  <xsl:template name="pd.country">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="contains($pd.countries, concat(' ', $code, ' '))">
        <xsl:value-of select="pd:text(concat('country.', $code))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Extension point: a postal address (context: p:address) as inlines, one line per <br/>. -->
  <xsl:template name="pd.address">
    <xsl:for-each select="p:street">
      <xsl:value-of select="."/>
      <br/>
    </xsl:for-each>
    <xsl:if test="p:postcode">
      <xsl:value-of select="p:postcode"/>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:value-of select="p:city"/>
    <xsl:if test="p:country">
      <br/>
      <xsl:call-template name="pd.country">
        <xsl:with-param name="code" select="p:country"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== tables and fields ===== -->

  <!-- Extension point: a facts table of label/value pairs. facts is a result tree fragment
       of <pd:fact label="...">layout blocks or inlines</pd:fact>; facts without content are
       left out, and so is the table when none is left. -->
  <xsl:template name="pd.facts">
    <xsl:param name="facts"/>
    <xsl:param name="label-width" select="'44mm'"/>
    <xsl:variable name="rows" select="exsl:node-set($facts)/pd:fact[node()]"/>
    <xsl:if test="$rows">
      <table border="0" border-inner="0" border-color="{$pd.color.rule}" cell-padding="5pt" space-after="4pt">
        <!-- a few rows stay together (no "APIs" row alone at a page foot) -->
        <xsl:if test="count($rows) &lt;= 8">
          <xsl:attribute name="keep-together">true</xsl:attribute>
        </xsl:if>
        <column width="{$label-width}"/>
        <column width="1*"/>
        <xsl:for-each select="$rows">
          <row>
            <cell style="label" border-bottom="0.5pt" border-color="{$pd.color.rule}">
              <xsl:value-of select="@label"/>
            </cell>
            <cell border-bottom="0.5pt" border-color="{$pd.color.rule}">
              <xsl:apply-templates select="node()" mode="pd.copy"/>
            </cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- Extension point: facts as a grid of cards, columns cards to a row, each card one or
       more captioned values with a hairline below. groups is a result tree fragment of
       <pd:group><pd:fact label="...">layout blocks or inlines</pd:fact>...</pd:group>; facts
       without content are left out, then groups without facts, then the grid if none is
       left; the remaining cards flow left to right. -->
  <xsl:template name="pd.fact-grid">
    <xsl:param name="groups"/>
    <xsl:param name="columns" select="3"/>
    <xsl:param name="gap" select="'7mm'"/>
    <xsl:variable name="cards" select="exsl:node-set($groups)/pd:group[pd:fact[node()]]"/>
    <xsl:if test="$cards">
      <table border="0" border-inner="0" border-color="{$pd.color.rule}" cell-padding="0" space-after="4pt">
        <xsl:call-template name="pd.fact-grid-columns">
          <xsl:with-param name="n" select="$columns"/>
          <xsl:with-param name="gap" select="$gap"/>
        </xsl:call-template>
        <xsl:for-each select="$cards[position() mod $columns = 1 or $columns = 1]">
          <xsl:variable name="r" select="position()"/>
          <row>
            <xsl:call-template name="pd.fact-grid-cells">
              <xsl:with-param name="cards" select="$cards[position() &gt; ($r - 1) * $columns and position() &lt;= $r * $columns]"/>
              <xsl:with-param name="n" select="$columns"/>
              <xsl:with-param name="first-row" select="$r = 1"/>
            </xsl:call-template>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pd.fact-grid-columns">
    <xsl:param name="n"/>
    <xsl:param name="gap"/>
    <xsl:param name="i" select="1"/>
    <xsl:if test="$i &gt; 1"><column width="{$gap}"/></xsl:if>
    <column width="1*"/>
    <xsl:if test="$i &lt; $n">
      <xsl:call-template name="pd.fact-grid-columns">
        <xsl:with-param name="n" select="$n"/>
        <xsl:with-param name="gap" select="$gap"/>
        <xsl:with-param name="i" select="$i + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pd.fact-grid-cells">
    <xsl:param name="cards"/>
    <xsl:param name="n"/>
    <xsl:param name="first-row"/>
    <xsl:param name="i" select="1"/>
    <xsl:if test="$i &gt; 1"><cell/></xsl:if>
    <xsl:choose>
      <xsl:when test="$cards[$i]">
        <cell border-bottom="0.5pt" border-color="{$pd.color.rule}">
          <xsl:if test="not($first-row)"><spacer height="10pt"/></xsl:if>
          <xsl:for-each select="$cards[$i]/pd:fact[node()]">
            <p style="caption">
              <xsl:if test="position() &gt; 1"><xsl:attribute name="space-before">8pt</xsl:attribute></xsl:if>
              <xsl:value-of select="@label"/>
            </p>
            <xsl:choose>
              <xsl:when test="*[not(self::pd:*) and not(local-name() = 'b' or local-name() = 'i' or local-name() = 'span' or local-name() = 'br' or local-name() = 'code' or local-name() = 'a')]">
                <xsl:apply-templates select="node()" mode="pd.copy"/>
              </xsl:when>
              <xsl:otherwise>
                <p><xsl:apply-templates select="node()" mode="pd.copy"/></p>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
          <spacer height="6pt"/>
        </cell>
      </xsl:when>
      <xsl:otherwise><cell/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$i &lt; $n">
      <xsl:call-template name="pd.fact-grid-cells">
        <xsl:with-param name="cards" select="$cards"/>
        <xsl:with-param name="n" select="$n"/>
        <xsl:with-param name="first-row" select="$first-row"/>
        <xsl:with-param name="i" select="$i + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Copies layout content out of a result tree fragment without the namespace nodes of
       its wrapper (no stray xmlns:pd in the output). -->
  <xsl:template match="*" mode="pd.copy">
    <xsl:element name="{local-name()}" namespace="{namespace-uri()}">
      <xsl:copy-of select="@*"/>
      <xsl:apply-templates select="node()" mode="pd.copy"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="text()" mode="pd.copy">
    <xsl:copy/>
  </xsl:template>

  <!-- Attributes of a data table in the brand's colours: coloured header row, striped rows.
       Call it first inside <table>. -->
  <xsl:template name="pd.table-props">
    <xsl:attribute name="border">0</xsl:attribute>
    <xsl:attribute name="border-inner">0</xsl:attribute>
    <xsl:attribute name="border-bottom">0.75pt</xsl:attribute>
    <xsl:attribute name="border-color"><xsl:value-of select="$pd.color.rule"/></xsl:attribute>
    <xsl:attribute name="cell-padding">5pt</xsl:attribute>
    <xsl:attribute name="header-background"><xsl:value-of select="$pd.color.table-header"/></xsl:attribute>
    <xsl:attribute name="header-color"><xsl:value-of select="$pd.color.table-header-text"/></xsl:attribute>
    <xsl:attribute name="stripe"><xsl:value-of select="$pd.color.shading"/></xsl:attribute>
    <xsl:attribute name="space-after">6pt</xsl:attribute>
  </xsl:template>

  <!-- The width of a table column whose cells hold the single word text at the widest (a
       header, which is never hyphenated, or an id, which never breaks; bold, body size, 5pt
       padding each side): at least min millimetres, wider when the word needs it. -->
  <xsl:template name="pd.heading-width">
    <xsl:param name="text"/>
    <xsl:param name="min" select="20"/>
    <!-- bold: capitals about 0.8 em wide, other letters and figures about 0.62 em -->
    <xsl:variable name="upper" select="string-length($text) - string-length(translate($text, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ', ''))"/>
    <xsl:variable name="need" select="(string-length($text) * 0.62 + $upper * 0.18) * number($pd.size.base) + 12"/>
    <xsl:variable name="design" select="$min * 72 div 25.4"/>
    <xsl:call-template name="pd.pt">
      <xsl:with-param name="points">
        <xsl:choose>
          <xsl:when test="$need &gt; $design"><xsl:value-of select="$need"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$design"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Extension point: a check box with its label (inline content). With field, a form field
       in the PDF: the radio button value of the group field (tooltip: what the group is for),
       or a check box named field when value is empty. -->
  <xsl:template name="pd.checkbox">
    <xsl:param name="checked" select="false()"/>
    <xsl:param name="label"/>
    <xsl:param name="field" select="''"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="tooltip" select="''"/>
    <checkbox>
      <xsl:attribute name="checked"><xsl:value-of select="boolean($checked)"/></xsl:attribute>
      <xsl:if test="$field != ''"><xsl:attribute name="field"><xsl:value-of select="$field"/></xsl:attribute></xsl:if>
      <xsl:if test="$tooltip != ''"><xsl:attribute name="tooltip"><xsl:value-of select="$tooltip"/></xsl:attribute></xsl:if>
      <xsl:if test="$field != '' and $value != ''"><xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute></xsl:if>
      <xsl:if test="$field != '' and $tooltip != ''"><xsl:attribute name="tooltip"><xsl:value-of select="$tooltip"/></xsl:attribute></xsl:if>
      <xsl:if test="$checked">
        <xsl:attribute name="font-weight">bold</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="$label"/>
    </checkbox>
  </xsl:template>

  <!-- Extension point: one signature field. place and date are printed when given; otherwise
       the engine draws fill-in lines captioned "Place" and "Date". date is YYYY-MM-DD. field
       names the PDF form's signature field (and the text fields on the fill-in lines). -->
  <xsl:template name="pd.signature-block">
    <xsl:param name="label"/>
    <xsl:param name="field" select="''"/>
    <xsl:param name="tooltip" select="''"/>
    <xsl:param name="name" select="''"/>
    <xsl:param name="role" select="''"/>
    <xsl:param name="place" select="''"/>
    <xsl:param name="date" select="''"/>
    <signature label="{$label}" place-caption="{pd:text('label.place')}"
               date-caption="{pd:text('label.date')}" space-after="18pt">
      <xsl:if test="$field != ''"><xsl:attribute name="field"><xsl:value-of select="$field"/></xsl:attribute></xsl:if>
      <xsl:if test="$tooltip != ''"><xsl:attribute name="tooltip"><xsl:value-of select="$tooltip"/></xsl:attribute></xsl:if>
      <xsl:if test="$name != ''"><xsl:attribute name="name"><xsl:value-of select="$name"/></xsl:attribute></xsl:if>
      <xsl:if test="$role != ''"><xsl:attribute name="role"><xsl:value-of select="$role"/></xsl:attribute></xsl:if>
      <xsl:if test="$place != ''"><xsl:attribute name="place"><xsl:value-of select="$place"/></xsl:attribute></xsl:if>
      <xsl:if test="$date != ''"><xsl:attribute name="date"><xsl:value-of select="pd:date($date)"/></xsl:attribute></xsl:if>
    </signature>
  </xsl:template>

  <!-- ===== free text from the project description ===== -->

  <!-- Extension point: the attributes of a block of free text from the project description:
       hyphenated in the project's language (never used on code, ids or numbers). Call it
       first inside the block. -->
  <xsl:template name="pd.free-text">
    <xsl:if test="$pd.text-lang != ''">
      <xsl:attribute name="hyphenate">true</xsl:attribute>
      <xsl:attribute name="lang"><xsl:value-of select="$pd.text-lang"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Rich text (p, ul, ol, li, em, strong, code, a) as layout blocks and inlines; paragraphs
       take the named style in the parameter style (default body). A link to "#id" becomes a
       link to the concept section with that id, when there is one. -->
  <xsl:template match="p:p" mode="pd.rich">
    <xsl:param name="style" select="'body'"/>
    <p style="{$style}">
      <xsl:call-template name="pd.free-text"/>
      <xsl:apply-templates mode="pd.rich"/>
    </p>
  </xsl:template>

  <xsl:template match="p:ul | p:ol" mode="pd.rich">
    <list style="list">
      <xsl:attribute name="marker">
        <xsl:choose>
          <xsl:when test="self::p:ol">decimal</xsl:when>
          <xsl:otherwise>bullet</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="pd.free-text"/>
      <xsl:for-each select="p:li">
        <item>
          <xsl:choose>
            <xsl:when test="p:ul | p:ol">
              <p><xsl:apply-templates select="node()[not(self::p:ul or self::p:ol)]" mode="pd.rich"/></p>
              <xsl:apply-templates select="p:ul | p:ol" mode="pd.rich"/>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates mode="pd.rich"/></xsl:otherwise>
          </xsl:choose>
        </item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <xsl:template match="p:em" mode="pd.rich"><i><xsl:apply-templates mode="pd.rich"/></i></xsl:template>
  <xsl:template match="p:strong" mode="pd.rich"><b><xsl:apply-templates mode="pd.rich"/></b></xsl:template>
  <xsl:template match="p:code" mode="pd.rich"><code><xsl:value-of select="."/></code></xsl:template>

  <xsl:template match="p:a" mode="pd.rich">
    <xsl:variable name="target" select="substring(@href, 2)"/>
    <xsl:choose>
      <xsl:when test="starts-with(@href, '#') and $pd.project//p:section[@id = $target]">
        <a ref="{concat('section-', $target)}"><xsl:apply-templates mode="pd.rich"/></a>
      </xsl:when>
      <xsl:when test="starts-with(@href, '#')"><xsl:apply-templates mode="pd.rich"/></xsl:when>
      <xsl:otherwise><a href="{@href}"><xsl:apply-templates mode="pd.rich"/></a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="pd.rich"><xsl:copy/></xsl:template>

  <!-- ===== numbers (formatted by the extension functions; nothing is computed here) ===== -->

  <!-- The number of decimals a decimal string is written with: '2.50' → 2, '120000' → 0. -->
  <xsl:template name="pd.decimals">
    <xsl:param name="value"/>
    <xsl:value-of select="string-length(substring-after(normalize-space($value), '.'))"/>
  </xsl:template>

  <!-- A decimal (quantity, effort, percentage) in the output language with the decimals it was
       written with. -->
  <xsl:template name="pd.decimal">
    <xsl:param name="value"/>
    <xsl:variable name="decimals">
      <xsl:call-template name="pd.decimals"><xsl:with-param name="value" select="$value"/></xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="pd:number(normalize-space($value), $decimals)"/>
  </xsl:template>

  <!-- A percentage: "8%", "19 %". -->
  <xsl:template name="pd.percent">
    <xsl:param name="value"/>
    <xsl:call-template name="pd.text-with">
      <xsl:with-param name="key" select="'common.percent'"/>
      <xsl:with-param name="name1" select="'n'"/>
      <xsl:with-param name="value1">
        <xsl:call-template name="pd.decimal"><xsl:with-param name="value" select="$value"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Figure spaces (as wide as a tabular digit) for n missing decimals, after a punctuation
       space for a missing separator, so that numbers with fewer decimals line up on the
       decimal separator when right-aligned with tnum. -->
  <xsl:template name="pd.figure-pad">
    <xsl:param name="n" select="0"/>
    <xsl:param name="separator" select="false()"/>
    <xsl:if test="$separator"><xsl:text>&#8200;</xsl:text></xsl:if>
    <xsl:if test="$n &gt; 0">
      <xsl:text>&#8199;</xsl:text>
      <xsl:call-template name="pd.figure-pad"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== the document ===== -->

  <!-- Extension point: the PDF's information dictionary for a document titled title. -->
  <xsl:template name="pd.metadata">
    <xsl:param name="title"/>
    <xsl:param name="keywords" select="''"/>
    <xsl:attribute name="lang"><xsl:value-of select="pd:lang()"/></xsl:attribute>
    <xsl:attribute name="title">
      <xsl:value-of select="concat($title, ' — ', normalize-space($pd.project/p:title))"/>
    </xsl:attribute>
    <xsl:attribute name="author"><xsl:value-of select="pd:brand('company.name')"/></xsl:attribute>
    <xsl:attribute name="subject"><xsl:value-of select="normalize-space($pd.project/p:customer/p:name)"/></xsl:attribute>
    <xsl:attribute name="keywords">
      <!-- the kind as the document calls itself: a brand's "Proposal" here too -->
      <xsl:value-of select="concat($pd.project/@id, ', ', pd:text(concat($kind, '.title')))"/>
      <xsl:if test="$keywords != ''"><xsl:value-of select="concat(', ', $keywords)"/></xsl:if>
    </xsl:attribute>
    <xsl:attribute name="creator"><xsl:value-of select="pd:brand('company.name')"/></xsl:attribute>
    <xsl:if test="$pd.project/@date">
      <xsl:attribute name="date"><xsl:value-of select="$pd.project/@date"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The date a document of a phase carries: the phase's date, else the project's. -->
  <xsl:template name="pd.phase-date">
    <xsl:param name="phase" select="/.."/>
    <xsl:choose>
      <xsl:when test="$phase/@date"><xsl:value-of select="$phase/@date"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$pd.project/@date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Extension point: the contents: a heading kept out of the contents itself, then the
       entries the engine builds from the headings (dot leaders, page numbers, links). -->
  <xsl:template name="pd.contents">
    <xsl:param name="levels" select="2"/>
    <h level="1" style="h1" toc="false" id="contents"><xsl:value-of select="pd:text('common.contents')"/></h>
    <toc levels="{$levels}" style="toc"/>
  </xsl:template>

  <!-- Extension point: a cover page, then a page break to the default master. kind is the
       document kind as a word (the kicker), facts a result tree fragment of pd:group for
       pd.fact-grid, date the document's date (YYYY-MM-DD). The logo, the title in the design
       of cover.style, the customer, the facts, where the project stands, and the brand. -->
  <xsl:template name="pd.cover">
    <xsl:param name="kind"/>
    <xsl:param name="facts"/>
    <xsl:param name="date" select="''"/>
    <xsl:variable name="logo">
      <xsl:value-of select="pd:brand-file('logo.file')"/>
    </xsl:variable>
    <!-- The cover is one page whatever the lengths. The room the title, the customer and the
         facts need is judged from their lengths in steps (0 as designed, 1 and 2 tighter and
         smaller), calibrated on the widest brand fonts at the smallest page: the stylesheet
         cannot measure text, and a step per length keeps the cover the same for the same data
         (see docs/layout-stylesheets.md). -->
    <xsl:variable name="title" select="normalize-space($pd.project/p:title)"/>
    <xsl:variable name="title-length" select="string-length($title)"/>
    <xsl:variable name="names-length" select="string-length(normalize-space($pd.project/p:customer/p:name))
                                              + string-length(normalize-space($pd.project/p:partner/p:name))"/>
    <xsl:variable name="step">
      <xsl:choose>
        <xsl:when test="$title-length &gt; 110 or $names-length &gt; 160 or ($title-length &gt; 80 and $names-length &gt; 110)">2</xsl:when>
        <xsl:when test="$title-length &gt; 80 or $names-length &gt; 110">1</xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="max-title" select="180"/>
    <xsl:variable name="cover-title">
      <xsl:choose>
        <xsl:when test="$title-length &gt; $max-title">
          <xsl:call-template name="pd.cut-words">
            <xsl:with-param name="text" select="substring($title, 1, $max-title)"/>
          </xsl:call-template>
          <xsl:text>…</xsl:text>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$title"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$title-length &gt; $max-title">
      <xsl:message>the project title (<xsl:value-of select="$title-length"/> characters) is cut to <xsl:value-of select="$max-title"/> on the cover</xsl:message>
    </xsl:if>
    <xsl:if test="$step &gt; 0 and $title-length &lt;= $max-title">
      <xsl:message>the cover sets the title (<xsl:value-of select="$title-length"/> characters) smaller, to fit one page with the customer's and partner's names (<xsl:value-of select="$names-length"/> characters)</xsl:message>
    </xsl:if>
    <xsl:variable name="title-size">
      <xsl:call-template name="pd.size">
        <xsl:with-param name="factor" select="substring('2.9 2.3 1.9', 1 + 4 * $step, 3)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($logo) != '' and $pd.cover.style = 'full'">
        <!-- a logo drawn for white paper keeps its white ground on a coloured page -->
        <box border="0" padding="10pt" background="#ffffff">
          <xsl:call-template name="pd.cover-logo"><xsl:with-param name="src" select="string($logo)"/></xsl:call-template>
        </box>
      </xsl:when>
      <xsl:when test="string($logo) != ''">
        <xsl:call-template name="pd.cover-logo"><xsl:with-param name="src" select="string($logo)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p style="cover-kicker"><xsl:value-of select="pd:brand('company.name')"/></p>
      </xsl:otherwise>
    </xsl:choose>
    <spacer height="{substring('46mm20mm10mm', 1 + 4 * $step, 4)}"/>
    <box style="cover-band" keep-together="true">
      <p style="cover-kicker"><xsl:value-of select="$kind"/></p>
      <p style="cover-title" font-size="{$title-size}">
        <!-- a cut title is whole in the PDF's structure, for screen readers and extraction -->
        <xsl:if test="$title-length &gt; $max-title">
          <xsl:attribute name="actual-text"><xsl:value-of select="$title"/></xsl:attribute>
        </xsl:if>
        <xsl:value-of select="$cover-title"/>
      </p>
      <p style="cover-subtitle">
        <xsl:value-of select="normalize-space($pd.project/p:customer/p:name)"/>
        <xsl:if test="$pd.project/p:partner/p:name">
          <xsl:text>&#8194;·&#8194;</xsl:text>
          <xsl:value-of select="normalize-space($pd.project/p:partner/p:name)"/>
        </xsl:if>
      </p>
    </box>
    <xsl:if test="$pd.cover.style = 'plain'">
      <rule style="title-rule" thickness="4pt" space-before="10pt"/>
    </xsl:if>
    <spacer height="{substring('14mm08mm05mm', 1 + 4 * $step, 4)}"/>
    <xsl:variable name="details">
      <xsl:call-template name="pd.fact-grid">
        <xsl:with-param name="columns" select="3"/>
        <xsl:with-param name="groups" select="$facts"/>
      </xsl:call-template>
      <spacer height="{substring('12mm06mm04mm', 1 + 4 * $step, 4)}"/>
      <xsl:call-template name="pd.phase-strip">
        <xsl:with-param name="as-of" select="$date"/>
      </xsl:call-template>
      <p style="cover-meta">
        <xsl:if test="$date != ''">
          <xsl:call-template name="pd.text-with">
            <xsl:with-param name="key" select="'cover.as-of'"/>
            <xsl:with-param name="nobreak" select="true()"/>
            <xsl:with-param name="name1" select="'date'"/>
            <xsl:with-param name="value1" select="pd:date($date)"/>
          </xsl:call-template>
          <xsl:text>&#8194;·&#8194;</xsl:text>
        </xsl:if>
        <xsl:value-of select="pd:brand('company.name')"/>
        <xsl:if test="normalize-space(pd:brand('cover.tagline')) != ''">
          <xsl:text>&#8194;·&#8194;</xsl:text>
          <xsl:value-of select="normalize-space(pd:brand('cover.tagline'))"/>
        </xsl:if>
      </p>
    </xsl:variable>
    <xsl:choose>
      <!-- on a page in the primary colour the details sit on a white card -->
      <xsl:when test="$pd.cover.style = 'full'">
        <box border="0" padding="14pt" background="#ffffff">
          <xsl:apply-templates select="exsl:node-set($details)/node()" mode="pd.copy"/>
        </box>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="exsl:node-set($details)/node()" mode="pd.copy"/>
      </xsl:otherwise>
    </xsl:choose>
    <page-break master="default"/>
  </xsl:template>

  <!-- text without its last, possibly cut, word (and the space or comma before it). -->
  <xsl:template name="pd.cut-words">
    <xsl:param name="text"/>
    <xsl:param name="done" select="''"/>
    <xsl:choose>
      <xsl:when test="contains($text, ' ')">
        <xsl:call-template name="pd.cut-words">
          <xsl:with-param name="text" select="substring-after($text, ' ')"/>
          <xsl:with-param name="done" select="concat($done, substring-before($text, ' '), ' ')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- a comma, semicolon or colon before the ellipsis goes; the ones inside stay -->
        <xsl:variable name="kept" select="normalize-space($done)"/>
        <xsl:variable name="n" select="string-length($kept)"/>
        <xsl:choose>
          <xsl:when test="contains(',;:', substring($kept, $n, 1)) and $n &gt; 0">
            <xsl:value-of select="substring($kept, 1, $n - 1)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$kept"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Extension point: the logo on the cover, a third larger than in the running header. -->
  <xsl:template name="pd.cover-logo">
    <xsl:param name="src"/>
    <xsl:variable name="logo-pt">
      <xsl:call-template name="pd.to-pt"><xsl:with-param name="length" select="pd:brand('logo.width')"/></xsl:call-template>
    </xsl:variable>
    <image src="{$src}" alt="{pd:brand('company.name')}">
      <xsl:attribute name="width">
        <xsl:call-template name="pd.pt"><xsl:with-param name="points" select="number($logo-pt) * 1.35"/></xsl:call-template>
      </xsl:attribute>
    </image>
  </xsl:template>

  <!-- The customer as a fact-grid card: name and postal address. -->
  <xsl:template name="pd.customer-fact">
    <pd:fact label="{pd:text('cover.prepared-for')}">
      <xsl:for-each select="$pd.project/p:customer">
        <p>
          <b><xsl:value-of select="normalize-space(p:name)"/></b>
          <xsl:for-each select="p:address">
            <br/>
            <xsl:call-template name="pd.address"/>
          </xsl:for-each>
        </p>
      </xsl:for-each>
    </pd:fact>
  </xsl:template>

  <!-- ===== the phase diagram ===== -->

  <!-- Extension point: the four phases as chevrons (<phases>): each with its translated label
       and status (a phase not yet in the description is planned), done when its status is,
       the first one not done current, the rest next. -->
  <xsl:template name="pd.phase-diagram">
    <xsl:param name="space-before" select="'2pt'"/>
    <xsl:param name="space-after" select="'4pt'"/>
    <xsl:param name="as-of">
      <xsl:call-template name="pd.document-date"/>
    </xsl:param>
    <!-- each phase as it stood at the document's own date (as-of), not as it stands now: a
         phase done later than as-of was in progress then, or planned if it had not started -->
    <xsl:variable name="d" select="number(translate($as-of, '-', ''))"/>
    <xsl:variable name="p" select="$pd.project"/>
    <xsl:variable name="rtf">
      <xsl:call-template name="pd.phase-at">
        <xsl:with-param name="name" select="'initialisation'"/>
        <xsl:with-param name="status" select="$p/p:initialisation/@status"/>
        <xsl:with-param name="start" select="$p/p:initialisation/p:demo/@date"/>
        <xsl:with-param name="end" select="$p/p:initialisation/@date"/>
        <xsl:with-param name="d" select="$d"/>
      </xsl:call-template>
      <xsl:call-template name="pd.phase-at">
        <xsl:with-param name="name" select="'concept'"/>
        <xsl:with-param name="status" select="$p/p:concept/@status"/>
        <xsl:with-param name="start" select="$p/p:initialisation/@date"/>
        <xsl:with-param name="end" select="$p/p:concept/@date"/>
        <xsl:with-param name="d" select="$d"/>
      </xsl:call-template>
      <xsl:call-template name="pd.phase-at">
        <xsl:with-param name="name" select="'implementation'"/>
        <xsl:with-param name="status" select="$p/p:implementation/@status"/>
        <xsl:with-param name="start" select="$p/p:implementation/@start"/>
        <xsl:with-param name="end" select="($p/p:implementation/@date | $p/p:implementation/@end)[1]"/>
        <xsl:with-param name="d" select="$d"/>
      </xsl:call-template>
      <xsl:call-template name="pd.phase-at">
        <xsl:with-param name="name" select="'approval'"/>
        <xsl:with-param name="status" select="$p/p:approval/@status"/>
        <xsl:with-param name="start" select="$p/p:implementation/@end"/>
        <xsl:with-param name="end" select="$p/p:approval/@date"/>
        <xsl:with-param name="d" select="$d"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="phases" select="exsl:node-set($rtf)/pd:phase"/>
    <xsl:variable name="items">
      <xsl:for-each select="$phases">
        <xsl:variable name="status">
          <xsl:choose>
            <xsl:when test="@status != ''"><xsl:value-of select="@status"/></xsl:when>
            <xsl:otherwise>planned</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <pd:item label="{pd:text(concat('phase.', @name))}"
                 status="{pd:text(concat('phase-status.', $status))}">
          <xsl:attribute name="state">
            <xsl:choose>
              <xsl:when test="$status = 'done'">done</xsl:when>
              <xsl:when test="not(preceding-sibling::pd:phase[@status != 'done' or @status = ''])">current</xsl:when>
              <xsl:otherwise>next</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </pd:item>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="list">
      <xsl:for-each select="exsl:node-set($items)/pd:item">
        <xsl:if test="position() &gt; 1"><xsl:value-of select="pd:text('figure.list-separator')"/></xsl:if>
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'figure.phases.item'"/>
          <xsl:with-param name="name1" select="'phase'"/>
          <xsl:with-param name="value1" select="@label"/>
          <xsl:with-param name="name2" select="'status'"/>
          <xsl:with-param name="value2" select="@status"/>
        </xsl:call-template>
        <xsl:if test="@state = 'current'">
          <xsl:value-of select="concat(' ', pd:text('figure.phases.current'))"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <phases accent="{$pd.color.primary}" muted="{$pd.color.muted}" space-before="{$space-before}"
            space-after="{$space-after}">
      <xsl:attribute name="alt">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'figure.phases.alt'"/>
          <xsl:with-param name="name1" select="'list'"/>
          <xsl:with-param name="value1" select="string($list)"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:for-each select="exsl:node-set($items)/pd:item">
        <phase label="{@label}" status="{@status}" state="{@state}"/>
      </xsl:for-each>
    </phases>
  </xsl:template>

  <!-- One phase's status at the date d (a number YYYYMMDD): a status of done whose end is
       after d was active then (planned if its start is after d too); an active phase that
       starts after d was planned. -->
  <xsl:template name="pd.phase-at">
    <xsl:param name="name"/>
    <xsl:param name="status"/>
    <xsl:param name="start"/>
    <xsl:param name="end"/>
    <xsl:param name="d"/>
    <xsl:variable name="s" select="number(translate($start, '-', ''))"/>
    <xsl:variable name="e" select="number(translate($end, '-', ''))"/>
    <pd:phase name="{$name}">
      <xsl:attribute name="status">
        <xsl:choose>
          <xsl:when test="string($d) = 'NaN'"><xsl:value-of select="$status"/></xsl:when>
          <xsl:when test="($status = 'done' or $status = 'active') and $s &gt; $d">planned</xsl:when>
          <xsl:when test="$status = 'done' and $e &gt; $d">active</xsl:when>
          <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
    </pd:phase>
  </xsl:template>

  <!-- The date of the document being made: the date of its kind's phase, else the
       project's (YYYY-MM-DD). -->
  <xsl:template name="pd.document-date">
    <xsl:call-template name="pd.phase-date">
      <xsl:with-param name="phase" select="$pd.project/*[local-name() = $kind or ($kind = 'offer' and local-name() = 'initialisation')]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Extension point: the phase diagram under a caption, for a cover or a title block. -->
  <xsl:template name="pd.phase-strip">
    <xsl:param name="space-before" select="'0pt'"/>
    <xsl:param name="space-after" select="'4pt'"/>
    <xsl:param name="as-of">
      <xsl:call-template name="pd.document-date"/>
    </xsl:param>
    <p style="caption" keep-with-next="true" space-before="{$space-before}">
      <xsl:value-of select="pd:text('phases.heading')"/>
    </p>
    <xsl:call-template name="pd.phase-diagram">
      <xsl:with-param name="space-after" select="$space-after"/>
      <xsl:with-param name="as-of" select="$as-of"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== revision history ===== -->

  <!-- Extension point: the revision history of the description (nothing without one). -->
  <xsl:template name="pd.history">
    <xsl:param name="level" select="1"/>
    <!-- true: the heading and the table (of up to 12 revisions) are kept on one page (the
         heading keeps with the table, the table together; no box, which would drop the
         heading's space before it, the same after every kind of block); false: as they fall. -->
    <xsl:param name="keep" select="true()"/>
    <xsl:for-each select="$pd.project/p:history[p:revision]">
      <xsl:variable name="content">
      <xsl:call-template name="pd.heading">
        <xsl:with-param name="text" select="pd:text('history.heading')"/>
        <xsl:with-param name="level" select="$level"/>
        <xsl:with-param name="id" select="'history'"/>
      </xsl:call-template>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <xsl:if test="$keep and count(p:revision) &lt;= 12">
          <xsl:attribute name="keep-together">true</xsl:attribute>
        </xsl:if>
        <column width="18mm"/>
        <column width="38mm"/>
        <column width="38mm"/>
        <column width="1*"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('history.version')"/></cell>
            <cell><xsl:value-of select="pd:text('history.date')"/></cell>
            <cell><xsl:value-of select="pd:text('history.author')"/></cell>
            <cell><xsl:value-of select="pd:text('history.change')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:revision">
          <row>
            <cell style="id"><xsl:value-of select="@version"/></cell>
            <cell><span nobreak="true"><xsl:value-of select="translate(pd:date(@date), ' ', '&#160;')"/></span></cell>
            <cell>
              <xsl:call-template name="pd.member-name"><xsl:with-param name="id" select="@author"/></xsl:call-template>
            </cell>
            <cell>
              <xsl:call-template name="pd.free-text"/>
              <xsl:value-of select="normalize-space(.)"/>
            </cell>
          </row>
        </xsl:for-each>
      </table>
      </xsl:variable>
      <xsl:apply-templates select="exsl:node-set($content)/node()" mode="pd.copy"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== architecture (context: p:architecture) ===== -->

  <!-- Extension point: the integrations as a table (system and whether the customer's
       mechanism is used or a custom one built, product, how), then the APIs, whitelabeling,
       scaling, devices and stack as facts. with-whitelabel false leaves whitelabeling to a
       section of its own. -->
  <xsl:template name="pd.architecture">
    <xsl:param name="with-whitelabel" select="true()"/>
    <xsl:if test="p:integration">
      <p style="intro" keep-with-next="true">
        <xsl:call-template name="pd.free-text"/>
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'architecture.intro'"/>
          <xsl:with-param name="name1" select="'customer'"/>
          <xsl:with-param name="value1" select="normalize-space($pd.project/p:customer/p:name)"/>
        </xsl:call-template>
      </p>
      <table>
        <xsl:call-template name="pd.table-props"/>
        <column width="36mm"/>
        <column width="44mm"/>
        <column width="1*"/>
        <header>
          <row font-weight="bold">
            <cell><xsl:value-of select="pd:text('architecture.system')"/></cell>
            <cell><xsl:value-of select="pd:text('architecture.product')"/></cell>
            <cell><xsl:value-of select="pd:text('architecture.how')"/></cell>
          </row>
        </header>
        <xsl:for-each select="p:integration">
          <row>
            <cell>
              <p font-weight="600"><xsl:value-of select="pd:text(concat('integration.', @system))"/></p>
              <xsl:if test="@kind">
                <p style="detail"><xsl:value-of select="pd:text(concat('integration-kind.', @kind))"/></p>
              </xsl:if>
            </cell>
            <cell>
              <xsl:call-template name="pd.free-text"/>
              <xsl:choose>
                <xsl:when test="@product"><xsl:value-of select="normalize-space(@product)"/></xsl:when>
                <xsl:otherwise><span color="{$pd.color.muted}"><xsl:value-of select="pd:text('common.none')"/></span></xsl:otherwise>
              </xsl:choose>
            </cell>
            <cell>
              <xsl:call-template name="pd.free-text"/>
              <xsl:value-of select="normalize-space(.)"/>
            </cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
    <xsl:call-template name="pd.facts">
      <xsl:with-param name="facts">
        <pd:fact label="{pd:text('architecture.apis')}">
          <xsl:for-each select="p:api">
            <xsl:if test="position() &gt; 1"><xsl:value-of select="pd:text('common.list-separator')"/></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </pd:fact>
        <xsl:if test="$with-whitelabel">
          <pd:fact label="{pd:text('architecture.whitelabel')}">
            <xsl:for-each select="p:whitelabel">
              <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(.)"/></p>
            </xsl:for-each>
          </pd:fact>
        </xsl:if>
        <pd:fact label="{pd:text('architecture.scaling')}">
          <xsl:for-each select="p:scaling">
            <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
        </pd:fact>
        <pd:fact label="{pd:text('architecture.devices')}">
          <xsl:for-each select="p:device">
            <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
        </pd:fact>
        <pd:fact label="{pd:text('architecture.stack')}">
          <xsl:for-each select="p:stack">
            <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
        </pd:fact>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== the customer's environment ===== -->

  <!-- Extension point: the technology transfer's answers as facts (context:
       p:technology-transfer): mail system, load balancer, storage, mailboxes, provisioning. -->
  <xsl:template name="pd.environment-facts">
    <xsl:call-template name="pd.facts">
      <xsl:with-param name="facts">
        <pd:fact label="{pd:text('offer.tt.mailsystem')}">
          <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(p:mailsystem)"/></p>
        </pd:fact>
        <pd:fact label="{pd:text('offer.tt.loadbalancer')}">
          <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(p:loadbalancer)"/></p>
        </pd:fact>
        <pd:fact label="{pd:text('offer.tt.storage')}">
          <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(p:storage)"/></p>
        </pd:fact>
        <pd:fact label="{pd:text('offer.tt.mailboxes')}">
          <xsl:if test="p:mailboxes"><xsl:value-of select="pd:number(normalize-space(p:mailboxes), 0)"/></xsl:if>
        </pd:fact>
        <pd:fact label="{pd:text('offer.tt.provisioning')}">
          <xsl:for-each select="p:provisioning">
            <p><xsl:call-template name="pd.free-text"/><xsl:value-of select="normalize-space(.)"/></p>
            <p style="detail"><xsl:value-of select="pd:text(concat('integration-kind.', @kind))"/></p>
          </xsl:for-each>
        </pd:fact>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== hardware sizing ===== -->

  <!-- Extension point: the sizing (context: p:sizing): how it is computed, the customer's
       result, then the customer's figure beside the reference sizes of 10,000, 100,000 and
       1,000,000 users as a table and a bar chart. Sessions and nodes come from pd:sessions and
       pd:nodes. -->
  <xsl:template name="pd.sizing">
    <xsl:param name="level" select="1"/>
    <xsl:variable name="customer" select="normalize-space($pd.project/p:customer/p:name)"/>
    <xsl:variable name="concurrency" select="@concurrency"/>
    <xsl:variable name="per-node" select="@sessions-per-node"/>
    <xsl:variable name="redundancy" select="@redundancy"/>
    <xsl:variable name="users" select="normalize-space(@users)"/>
    <xsl:variable name="sessions" select="pd:sessions($users, $concurrency)"/>
    <xsl:variable name="nodes" select="pd:nodes($sessions, $per-node, $redundancy)"/>
    <xsl:variable name="cases-rtf">
      <pd:case users="10000"/>
      <pd:case users="100000"/>
      <pd:case users="1000000"/>
      <xsl:if test="not($users = '10000' or $users = '100000' or $users = '1000000')">
        <pd:case users="{$users}"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="cases-unsorted">
      <xsl:for-each select="exsl:node-set($cases-rtf)/pd:case">
        <xsl:sort select="@users" data-type="number"/>
        <xsl:variable name="s" select="pd:sessions(@users, $concurrency)"/>
        <pd:case users="{@users}" sessions="{$s}" nodes="{pd:nodes($s, $per-node, $redundancy)}"
                 customer="{@users = $users}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="cases" select="exsl:node-set($cases-unsorted)/pd:case"/>

    <xsl:call-template name="pd.heading">
      <xsl:with-param name="text" select="pd:text('sizing.heading')"/>
      <xsl:with-param name="level" select="$level"/>
      <xsl:with-param name="id" select="'sizing'"/>
    </xsl:call-template>
    <p style="body" keep-with-next="true">
      <xsl:call-template name="pd.text-with">
        <xsl:with-param name="key" select="'sizing.intro'"/>
        <xsl:with-param name="name1" select="'concurrency'"/>
        <xsl:with-param name="value1">
          <xsl:call-template name="pd.percent"><xsl:with-param name="value" select="$concurrency"/></xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="name2" select="'per-node'"/>
        <xsl:with-param name="value2" select="pd:number($per-node, 0)"/>
        <xsl:with-param name="name3" select="'redundancy'"/>
        <xsl:with-param name="value3" select="pd:number($redundancy, 0)"/>
      </xsl:call-template>
    </p>
    <box style="key-figure" keep-with-next="true">
      <p style="caption"><xsl:value-of select="pd:text('sizing.result-caption')"/></p>
      <p style="key-figure-text">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'sizing.result'"/>
          <xsl:with-param name="name1" select="'customer'"/>
          <xsl:with-param name="value1" select="$customer"/>
          <xsl:with-param name="name2" select="'sessions'"/>
          <xsl:with-param name="value2" select="pd:number($sessions, 0)"/>
          <xsl:with-param name="name3" select="'nodes'"/>
          <xsl:with-param name="value3" select="pd:number($nodes, 0)"/>
        </xsl:call-template>
      </p>
    </box>
    <!-- the sizing table and its bar chart on one page where both fit -->
    <table keep-together="true" keep-with-next="true">
      <xsl:call-template name="pd.table-props"/>
      <column width="1*"/>
      <column width="30mm" align="right"/>
      <column width="40mm" align="right"/>
      <column width="40mm" align="right"/>
      <header>
        <row font-weight="bold">
          <cell><xsl:value-of select="pd:text('sizing.case')"/></cell>
          <cell align="right"><xsl:value-of select="pd:text('sizing.users')"/></cell>
          <cell align="right"><xsl:value-of select="pd:text('sizing.sessions')"/></cell>
          <cell align="right"><xsl:value-of select="pd:text('sizing.nodes')"/></cell>
        </row>
      </header>
      <xsl:for-each select="$cases">
        <row font-features="tnum">
          <xsl:if test="@customer = 'true'">
            <xsl:attribute name="font-weight">bold</xsl:attribute>
            <xsl:attribute name="color"><xsl:value-of select="$pd.color.primary"/></xsl:attribute>
          </xsl:if>
          <cell>
            <xsl:choose>
              <xsl:when test="@customer = 'true'"><xsl:value-of select="$customer"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="pd:text('sizing.reference')"/></xsl:otherwise>
            </xsl:choose>
          </cell>
          <cell align="right"><span nobreak="true"><xsl:value-of select="pd:number(@users, 0)"/></span></cell>
          <cell align="right"><span nobreak="true"><xsl:value-of select="pd:number(@sessions, 0)"/></span></cell>
          <cell align="right"><span nobreak="true"><xsl:value-of select="pd:number(@nodes, 0)"/></span></cell>
        </row>
      </xsl:for-each>
    </table>
    <xsl:variable name="alt-list">
      <xsl:for-each select="$cases">
        <xsl:if test="position() &gt; 1"><xsl:value-of select="pd:text('figure.list-separator')"/></xsl:if>
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'figure.sizing.item'"/>
          <xsl:with-param name="name1" select="'users'"/>
          <xsl:with-param name="value1" select="pd:number(@users, 0)"/>
          <xsl:with-param name="name2" select="'sessions'"/>
          <xsl:with-param name="value2" select="pd:number(@sessions, 0)"/>
          <xsl:with-param name="name3" select="'nodes'"/>
          <xsl:with-param name="value3" select="pd:number(@nodes, 0)"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <barchart style="figure" accent="{$pd.color.primary}" muted="{$pd.color.muted}">
      <xsl:attribute name="alt">
        <xsl:call-template name="pd.text-with">
          <xsl:with-param name="key" select="'figure.sizing.alt'"/>
          <xsl:with-param name="name1" select="'list'"/>
          <xsl:with-param name="value1" select="string($alt-list)"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:for-each select="$cases">
        <bar value="{@sessions}" highlight="{@customer}">
          <xsl:attribute name="label">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key" select="'sizing.bar-label'"/>
              <xsl:with-param name="name1" select="'users'"/>
              <xsl:with-param name="value1" select="pd:number(@users, 0)"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:attribute name="value-label">
            <xsl:call-template name="pd.text-with">
              <xsl:with-param name="key" select="'sizing.bar-value'"/>
              <xsl:with-param name="name1" select="'sessions'"/>
              <xsl:with-param name="value1" select="pd:number(@sessions, 0)"/>
              <xsl:with-param name="name2" select="'nodes'"/>
              <xsl:with-param name="value2" select="pd:number(@nodes, 0)"/>
            </xsl:call-template>
          </xsl:attribute>
        </bar>
      </xsl:for-each>
    </barchart>
  </xsl:template>

  <!-- ===== people ===== -->

  <!-- A team member's name with the role below in small muted type, as blocks. -->
  <xsl:template name="pd.member-cell">
    <xsl:param name="id"/>
    <p>
      <xsl:call-template name="pd.member-name"><xsl:with-param name="id" select="$id"/></xsl:call-template>
    </p>
    <xsl:variable name="role">
      <xsl:call-template name="pd.member-role"><xsl:with-param name="id" select="$id"/></xsl:call-template>
    </xsl:variable>
    <xsl:if test="string($role) != ''">
      <p style="detail"><xsl:call-template name="pd.free-text"/><xsl:value-of select="$role"/></p>
    </xsl:if>
  </xsl:template>


</xsl:stylesheet>
