<?xml version="1.0" encoding="UTF-8"?>
<!-- A business letter per record, in the layout of DIN 5008 form B: logo, the sender line
     above the recipient's address window, date, subject, salutation, a justified and
     hyphenated body. Brand values (company, colours, fonts, logo) come from the brand pack. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:l="urn:phasedoc:example:letters"
    xmlns:pd="urn:phasedoc:xslt:1"
    xmlns="urn:phasedoc:layout:1"
    exclude-result-prefixes="l pd">
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/l:letters">
    <document lang="{@lang}" date="{@date}" title="{l:subject}" author="{pd:brand('company.name')}"
              subject="{l:subject}" keywords="letter, mail merge">
      <style name="sender-line" font-size="7pt" color="{pd:brand('color.muted')}"/>
      <style name="subject" font-weight="bold" font-size="11pt" space-after="10pt"/>
      <page-master name="letter" size="{pd:brand('page.size')}" margin-top="27mm"
                   margin-bottom="30mm" margin-left="25mm" margin-right="20mm"
                   header-offset="10mm" footer-offset="20mm">
        <header>
          <image src="{pd:brand-file('logo.file')}" width="{pd:brand('logo.width')}" align-block="right"/>
        </header>
        <footer font-size="7pt" color="{pd:brand('color.muted')}">
          <p border-bottom="0pt"><xsl:value-of select="pd:brand('company.legal')"/></p>
        </footer>
      </page-master>
      <flow master="letter" font-family="{pd:brand('font.body')}" font-size="10pt"
            color="{pd:brand('color.text')}" line-height="1.4">
        <xsl:for-each select="l:record">
          <xsl:if test="position() &gt; 1"><page-break/></xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
      </flow>
    </document>
  </xsl:template>

  <xsl:template match="l:record">
    <xsl:variable name="letters" select="/l:letters"/>
    <spacer height="18mm"/>
    <p style="sender-line"><xsl:value-of select="pd:brand('company.name')"/> · <xsl:value-of select="pd:brand('company.address')"/></p>
    <p space-before="3mm">
      <xsl:value-of select="l:name"/><br/>
      <xsl:if test="l:company"><xsl:value-of select="l:company"/><br/></xsl:if>
      <xsl:value-of select="l:street"/><br/>
      <xsl:value-of select="l:city"/>
    </p>
    <p align="right" space-before="14mm" space-after="10mm"><xsl:value-of select="pd:date($letters/@date)"/></p>
    <p style="subject"><xsl:value-of select="$letters/l:subject"/></p>
    <p space-after="6pt"><xsl:value-of select="l:salutation"/></p>
    <xsl:for-each select="$letters/l:body/l:p">
      <p align="justify" hyphenate="true" space-after="6pt"><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
    <p space-before="6pt"><xsl:value-of select="$letters/l:closing"/></p>
    <spacer height="12mm"/>
    <p><xsl:value-of select="$letters/l:signatory/@name"/><br/>
      <span color="{pd:brand('color.muted')}"><xsl:value-of select="$letters/l:signatory/@role"/></span></p>
  </xsl:template>
</xsl:stylesheet>
